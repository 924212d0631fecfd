/**
 * Running one unit of work: the handler function under its lease, with a signal that aborts
 * when the lease expires, and what to record when it fails.
 */
import { KlerError } from '../core/errors.js';
import type { AnyKlerWebhookEvent } from '../schemas/webhook-event.js';
import type { HandlerConfig } from './handler-config.js';
import type { WebhookEventHandler } from './handler-types.js';

/** How one attempt went. */
export type WorkOutcome = { readonly ok: true; readonly durationMs: number } | { readonly ok: false; readonly error: unknown; readonly durationMs: number };

/** Runs `handler` for `event` as attempt `attempt` of `key`; never throws. */
export async function runWork(
  config: HandlerConfig,
  handler: WebhookEventHandler<AnyKlerWebhookEvent>,
  event: AnyKlerWebhookEvent,
  key: string,
  attempt: number,
  stopSignal?: AbortSignal,
): Promise<WorkOutcome> {
  const controller = new AbortController();
  const expire = () =>
    controller.abort(new KlerError(`The lease on ${key} is about to expire (leaseMs ${config.leaseMs}): stop, another attempt may take the work over.`));
  // Before the lease really ends: the store's clock started it a round trip earlier, and a
  // handler that stops on the signal must stop before anyone else can take the work over.
  const timer = setTimeout(expire, config.leaseMs * 0.9);
  const stop = () => controller.abort(new KlerError(`The webhook worker was stopped during ${key}.`));
  stopSignal?.addEventListener('abort', stop, { once: true });
  const started = Date.now();
  try {
    await handler(event, { signal: controller.signal, attempt, key });
    return { ok: true, durationMs: Date.now() - started };
  } catch (error) {
    return { ok: false, error, durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    stopSignal?.removeEventListener('abort', stop);
  }
}

/** The error reported when finished work had lost its lease. */
export function leaseLost(config: HandlerConfig, key: string, attempt: number): KlerError {
  return new KlerError(
    `Attempt ${attempt} at ${key} finished after its lease expired (leaseMs ${config.leaseMs}) and another attempt took the work over, so it may have run twice. ` +
      'Raise leaseMs above the longest the work takes, stop when context.signal aborts, and make the work idempotent on context.key.',
  );
}

/** A failure as kept on an inbox record: its name and message, never a stack. */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 1_000 ? `${text.slice(0, 1_000)}…` : text;
}

/** The wait before retry number `attempt`: doubling from `retryDelayMs`, capped, with jitter. */
export function retryDelay(config: HandlerConfig, attempt: number): number {
  const ceiling = Math.min(config.maxRetryDelayMs, config.retryDelayMs * 2 ** Math.min(attempt - 1, 30));
  // Half fixed, half random: retries of many failed records spread out instead of arriving together.
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
