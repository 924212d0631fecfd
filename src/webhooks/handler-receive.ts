/**
 * One delivery, from raw body to answer: verify, key, then work inline under a lease or record
 * it in the inbox. The answer is 2xx only when the work is done or durably recorded; anything
 * else is non-2xx, so Kler delivers again.
 */
import { KlerConfigurationError, KlerWebhookVerificationError, type KlerWebhookVerificationReason } from '../core/errors.js';
import type { AnyKlerWebhookEvent } from '../schemas/webhook-event.js';
import type { HandlerConfig } from './handler-config.js';
import type { WebhookAnswer } from './handler-types.js';
import { leaseLost, runWork } from './handler-work.js';
import type { WebhookHeaders } from './headers.js';
import { webhookWorkKey } from './work-key.js';

/** A JSON answer. */
export function answer(status: number, body: Record<string, string>, headers: Record<string, string> = {}): WebhookAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Reasons that mean "not from Kler" (401); the rest mean "from Kler, but unreadable" (400). */
const UNAUTHENTICATED: readonly KlerWebhookVerificationReason[] = [
  'missing_header',
  'invalid_header',
  'no_matching_signature',
  'timestamp_too_old',
  'timestamp_too_new',
];

/** Verifies and handles one delivery whose raw body is in hand; never throws. */
export async function receive(
  config: HandlerConfig,
  body: Uint8Array | string,
  headers: WebhookHeaders,
  wake: () => void,
): Promise<WebhookAnswer> {
  if (!config.verify) {
    config.report(
      new KlerConfigurationError('This webhook handler has no `secret` (or `client`), so it cannot verify deliveries: give it one, or use it only for drain()/worker().'),
      { phase: 'configuration' },
    );
    return answer(500, { error: 'not_configured' });
  }
  let event: AnyKlerWebhookEvent;
  try {
    event = await config.verify(body, headers);
  } catch (error) {
    if (KlerWebhookVerificationError.is(error)) {
      const status = UNAUTHENTICATED.includes(error.reason) ? 401 : 400;
      config.emit({ type: 'rejected', reason: error.reason, status });
      return answer(status, { error: error.reason });
    }
    config.report(error, { phase: 'configuration' });
    return answer(500, { error: 'not_configured' });
  }
  const key = webhookWorkKey(event);
  config.emit({ type: 'verified', key, event: event.event });
  return config.mode === 'inbox' ? enqueue(config, event, key, wake) : inline(config, event, key);
}

async function enqueue(config: HandlerConfig, event: AnyKlerWebhookEvent, key: string, wake: () => void): Promise<WebhookAnswer> {
  // Every event is recorded, handled or not: the worker that runs it may be another process,
  // with handlers this one does not have.
  let result: 'enqueued' | 'duplicate';
  try {
    result = await config.inbox!.enqueue(key, JSON.stringify(event), { retainMs: config.retainMs });
  } catch (error) {
    config.report(error, { phase: 'store', key });
    return answer(503, { error: 'store_unavailable' }, { 'retry-after': '1' });
  }
  if (result === 'duplicate') {
    config.emit({ type: 'duplicate', key });
    return answer(200, { status: 'duplicate' });
  }
  config.emit({ type: 'enqueued', key });
  wake();
  return answer(202, { status: 'enqueued' });
}

async function inline(config: HandlerConfig, event: AnyKlerWebhookEvent, key: string): Promise<WebhookAnswer> {
  const handler = config.handlerFor(event);
  if (!handler) {
    config.emit({ type: 'ignored', key });
    return answer(200, { status: 'ignored' });
  }
  const { store } = config;
  let claim;
  try {
    claim = await store.claim(key, { leaseMs: config.leaseMs });
  } catch (error) {
    config.report(error, { phase: 'store', key });
    return answer(503, { error: 'store_unavailable' }, { 'retry-after': '1' });
  }
  if (claim.status === 'done') {
    config.emit({ type: 'duplicate', key });
    return answer(200, { status: 'duplicate' });
  }
  if (claim.status === 'in_progress') {
    // The store's clock may differ from ours: keep the hint between 1 s and one lease.
    const seconds = Math.ceil((claim.leaseExpiresAt - Date.now()) / 1000);
    const retryAfterSeconds = Math.min(Math.max(seconds, 1), Math.ceil(config.leaseMs / 1000));
    config.emit({ type: 'in_progress', key, retryAfterSeconds });
    return answer(409, { status: 'in_progress' }, { 'retry-after': String(retryAfterSeconds) });
  }

  const { token, attempt } = claim;
  const outcome = await runWork(config, handler, event, key, attempt);
  if (!outcome.ok) {
    try {
      await store.release(key, token);
    } catch (error) {
      config.report(error, { phase: 'store', key }); // the lease expires on its own
    }
    config.report(outcome.error, { phase: 'handler', key, attempt });
    config.emit({ type: 'failed', key, attempt, error: outcome.error });
    return answer(500, { error: 'handler_failed' });
  }
  let completed: boolean;
  try {
    completed = await store.complete(key, token, { retainMs: config.retainMs });
  } catch (error) {
    // The work is done but not recorded: a 5xx would make Kler redo it once the lease expires.
    config.report(error, { phase: 'store', key, attempt });
    return answer(200, { status: 'processed' });
  }
  if (!completed) {
    config.report(leaseLost(config, key, attempt), { phase: 'lease_lost', key, attempt });
    config.emit({ type: 'lease_lost', key, attempt, durationMs: outcome.durationMs });
    return answer(200, { status: 'processed' });
  }
  config.emit({ type: 'processed', key, attempt, durationMs: outcome.durationMs });
  return answer(200, { status: 'processed' });
}
