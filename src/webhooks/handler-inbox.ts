/**
 * Working the inbox: lease recorded events, run their handlers, and record the outcome — done,
 * retry after a backoff, or dead letter after `maxAttempts`. A lease that expires (a crashed or
 * hung worker) puts the record back for the next leaser, so no recorded event is lost.
 */
import { KlerConfigurationError } from '../core/errors.js';
import type { AnyKlerWebhookEvent } from '../schemas/webhook-event.js';
import type { HandlerConfig } from './handler-config.js';
import type { WebhookDrainOptions, WebhookDrainResult, WebhookWorker, WebhookWorkerOptions } from './handler-types.js';
import { traceWork } from './handler-trace.js';
import { describeFailure, leaseLost, retryDelay, runWork } from './handler-work.js';
import type { WebhookInboxStore, WebhookLeasedRecord } from './store.js';

type Outcome = 'processed' | 'failed' | 'deadLettered' | 'leaseLost' | 'unknown';

/** The inbox store, or the error saying why there is none. */
export function inboxOf(config: HandlerConfig, what: string): WebhookInboxStore {
  if (config.mode !== 'inbox' || !config.inbox) {
    throw new KlerConfigurationError(`${what} works the inbox: create the handler with mode: 'inbox' and a WebhookInboxStore.`);
  }
  return config.inbox;
}

/** Runs one leased record to its recorded outcome; never throws. */
export async function workRecord(config: HandlerConfig, record: WebhookLeasedRecord, stop?: AbortSignal): Promise<Outcome> {
  const inbox = config.inbox!;
  const { key, token, attempts: attempt } = record;
  let event: AnyKlerWebhookEvent;
  try {
    event = JSON.parse(record.event) as AnyKlerWebhookEvent;
  } catch (error) {
    return settle(config, record, error, true);
  }
  const handler = config.handlerFor(event);
  const outcome = handler ? await runWork(config, handler, event, key, attempt, stop) : { ok: true as const, durationMs: 0 };
  if (!outcome.ok && stop?.aborted) {
    // Stopped (a deploy, a shutdown), not failed: hand the work back untouched by backoff or
    // dead-lettering, for the next worker to pick up at once.
    await inbox.release(key, token).catch((error: unknown) => config.report(error, { phase: 'store', key, attempt }));
    return 'unknown';
  }
  if (!outcome.ok) return settle(config, record, outcome.error, attempt >= config.maxAttempts);
  try {
    if (!(await inbox.complete(key, token, { retainMs: config.retainMs }))) {
      config.report(leaseLost(config, key, attempt), { phase: 'lease_lost', key, attempt });
      config.emit({ type: 'lease_lost', key, attempt, durationMs: outcome.durationMs });
      return 'leaseLost';
    }
  } catch (error) {
    config.report(error, { phase: 'store', key, attempt }); // the lease expires and the work runs again
    return 'unknown';
  }
  config.emit(handler ? { type: 'processed', key, attempt, durationMs: outcome.durationMs } : { type: 'ignored', key });
  return 'processed';
}

async function settle(config: HandlerConfig, record: WebhookLeasedRecord, error: unknown, dead: boolean): Promise<Outcome> {
  const { key, token, attempts: attempt } = record;
  config.report(error, { phase: 'handler', key, attempt });
  try {
    const failOptions = { error: describeFailure(error), retryInMs: retryDelay(config, attempt), dead };
    if (!(await config.inbox!.fail(key, token, failOptions))) {
      config.report(leaseLost(config, key, attempt), { phase: 'lease_lost', key, attempt });
      return 'leaseLost';
    }
  } catch (storeError) {
    config.report(storeError, { phase: 'store', key, attempt });
    return 'unknown';
  }
  config.emit({ type: dead ? 'dead_lettered' : 'failed', key, attempt, error });
  return dead ? 'deadLettered' : 'failed';
}

/** Works what is available now, `concurrency` at a time, until nothing is or `limit` is reached. */
export async function drain(config: HandlerConfig, options: WebhookDrainOptions = {}): Promise<WebhookDrainResult> {
  const inbox = inboxOf(config, 'drain()');
  const limit = options.limit ?? Infinity;
  const concurrency = options.concurrency ?? 4;
  const result = { processed: 0, failed: 0, deadLettered: 0, leaseLost: 0 };
  let started = 0;
  while (started < limit) {
    const batch = await inbox.lease({ limit: Math.min(concurrency, limit - started), leaseMs: config.leaseMs });
    if (batch.length === 0) break;
    started += batch.length;
    for (const outcome of await Promise.all(batch.map((record) => traceWork(config, record, (traced) => workRecord(traced, record))))) {
      if (outcome !== 'unknown') result[outcome] += 1;
    }
  }
  return result;
}

/** Starts a worker loop; `wakers` lets a delivery recorded in this process start it at once. */
export function startWorker(config: HandlerConfig, wakers: Set<() => void>, options: WebhookWorkerOptions = {}): WebhookWorker {
  const inbox = inboxOf(config, 'worker()');
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 1_000;
  const stopper = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  let wake: (() => void) | undefined;
  // A nudge while the loop is busy (not pausing) is remembered, so the next pause is skipped.
  let nudged = false;
  const nudge = () => {
    if (wake) wake();
    else nudged = true;
  };
  wakers.add(nudge);

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (nudged) {
        nudged = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    while (!stopper.signal.aborted) {
      const free = concurrency - inFlight.size;
      let leased: WebhookLeasedRecord[] = [];
      if (free > 0) {
        try {
          leased = await inbox.lease({ limit: free, leaseMs: config.leaseMs });
        } catch (error) {
          config.report(error, { phase: 'store', key: undefined });
        }
      }
      for (const record of leased) {
        const running: Promise<unknown> = traceWork(config, record, (traced) => workRecord(traced, record, stopper.signal)).finally(() => {
          inFlight.delete(running);
          nudge(); // a slot is free
        });
        inFlight.add(running);
      }
      if (stopper.signal.aborted) break;
      // Until a delivery recorded here, a free slot, or the poll: each nudges the loop.
      if (leased.length === 0 || inFlight.size >= concurrency) await pause(pollMs);
    }
  })();

  return {
    async stop() {
      wakers.delete(nudge);
      stopper.abort();
      nudge();
      await loop;
      await Promise.all(inFlight);
    },
  };
}
