/**
 * Tracing the webhook handler: a `kler.webhooks.handle` span per delivery, whichever door it came
 * in by, and a `kler.webhooks.work` span per inbox work attempt, each ended with the outcome
 * `onEvent` hears. The spans learn what happened by watching `emit`, `report`, `verify` and
 * `handlerFor` on a per-delivery copy of the configuration, so the handler's own paths stay as
 * they are and cost nothing more without a tracer.
 */
import { startDeliverySpan, startOutcomeSpan } from '../core/telemetry.js';
import type { AnyKlerWebhookEvent } from '../schemas/webhook-event.js';
import type { HandlerConfig } from './handler-config.js';
import type { WebhookAnswer, WebhookHandlerEvent } from './handler-types.js';
import { readHeaders } from './headers.js';
import type { WebhookLeasedRecord } from './store.js';

/** What one delivery or work attempt did, as far as the span needs to know. */
interface Seen {
  /** The last observation after `verified`: the outcome. */
  outcome?: Exclude<WebhookHandlerEvent, { type: 'verified' }>;
  /** The verified (or leased) event. */
  event?: AnyKlerWebhookEvent;
  /** The last error reported to `onError`. */
  reported?: unknown;
}

/** A copy of `config` that records into `seen` what the handler does. */
function watching(config: HandlerConfig, seen: Seen): HandlerConfig {
  const { verify } = config;
  return {
    ...config,
    verify: verify && (async (payload, headers) => (seen.event = await verify(payload, headers))),
    handlerFor(event) {
      seen.event = event;
      return config.handlerFor(event);
    },
    report(error, info) {
      seen.reported = error;
      config.report(error, info);
    },
    emit(event) {
      if (event.type !== 'verified') seen.outcome = event;
      config.emit(event);
    },
  };
}

const asError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)));

/** The outcomes a span marks as an error: the work threw, or the handler or its store failed. */
const FAILED = new Set(['failed', 'dead_lettered', 'error']);

/** An unsigned `webhook-id` is kept on the span only when it is of a sane length. */
const MAX_ID_LENGTH = 256;

/**
 * Runs one delivery (`run` gets the configuration to use) inside a `kler.webhooks.handle` span.
 * The span starts with the `webhook-id` header, so a rejected delivery can be told apart, and
 * ends with the verified id and event type, the status answered, and the outcome: the `onEvent`
 * type (`processed`, `duplicate`, `in_progress`, `failed`, `rejected`, `enqueued`, `ignored`,
 * `lease_lost`), or `error` when the store or the setup failed.
 */
export async function traceDelivery(
  config: HandlerConfig,
  headers: unknown,
  run: (config: HandlerConfig) => Promise<WebhookAnswer>,
): Promise<WebhookAnswer> {
  if (!config.tracer) return run(config);
  const id = readHeaders(headers).all('webhook-id')[0];
  const end = startDeliverySpan(config.tracer, { webhookId: id !== undefined && id.length <= MAX_ID_LENGTH ? id : undefined });
  const seen: Seen = {};
  let sent: WebhookAnswer;
  try {
    sent = await run(watching(config, seen));
  } catch (error) {
    end('error', asError(error));
    throw error;
  }
  const { outcome, event, reported } = seen;
  const more = {
    'kler.webhook.id': event?.webhook_id,
    'kler.webhook.event': event?.event,
    'kler.webhook.reason': outcome?.type === 'rejected' ? outcome.reason : undefined,
    'http.response.status_code': sent.status,
  };
  if (outcome) {
    end(outcome.type, 'error' in outcome && FAILED.has(outcome.type) ? asError(outcome.error) : undefined, more);
  } else if (sent.status < 400) {
    // Done, but the store failed to record it: the answer says what Kler was told.
    end((JSON.parse(sent.body) as { status?: string }).status ?? 'processed', undefined, more);
  } else {
    end('error', asError(reported ?? `answered ${sent.status}`), more);
  }
  return sent;
}

/**
 * Runs one inbox work attempt inside a `kler.webhooks.work` span (key, attempt, event type),
 * ended with `processed`, `ignored`, `failed`, `dead_lettered`, `lease_lost`, `released` (the
 * worker stopped and handed it back) or `error` (the store failed).
 */
export async function traceWork<R>(
  config: HandlerConfig,
  record: WebhookLeasedRecord,
  run: (config: HandlerConfig) => Promise<R>,
): Promise<R> {
  if (!config.tracer) return run(config);
  const end = startOutcomeSpan(config.tracer, 'kler.webhooks.work', { 'kler.webhook.key': record.key, 'kler.webhook.attempt': record.attempts });
  const seen: Seen = {};
  const result = await run(watching(config, seen));
  const { outcome, event, reported } = seen;
  const type = outcome?.type ?? (result === 'leaseLost' ? 'lease_lost' : reported !== undefined ? 'error' : 'released');
  const error = outcome && 'error' in outcome ? outcome.error : reported;
  end(type, FAILED.has(type) && error !== undefined ? asError(error) : undefined, { 'kler.webhook.id': event?.webhook_id, 'kler.webhook.event': event?.event });
  return result;
}
