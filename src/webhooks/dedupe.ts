/**
 * The first, boolean dedupe store, kept so existing code still runs. It cannot tell "being
 * processed" from "done", so a redelivery that arrives while the first attempt is still running
 * is told "already done" and answered 2xx; if that attempt then fails, nothing retries it. Use
 * `createWebhookHandler` with a lease-based `WebhookStore` instead.
 */
import { KlerConfigurationError } from '../core/errors.js';
import type { AnyKlerWebhookEvent } from '../schemas/webhook-event.js';

/**
 * A yes/no record of which webhook work has been claimed.
 * @deprecated A boolean claim loses work: a redelivery during a slow attempt sees the claim and
 * is acknowledged, and if that attempt fails no retry is left. Use `createWebhookHandler({ store })`
 * with a `WebhookStore` (claim → `acquired` | `in_progress` | `done`, with leases), such as
 * `createMemoryWebhookStore()`.
 */
export interface WebhookDedupeStore {
  /**
   * Claims `key` atomically: `true` for the first caller, who should do the work; `false` for
   * every later one (a redelivery: answer 2xx and do nothing).
   */
  claim(key: string): boolean | Promise<boolean>;
  /** Gives a claim back after the work failed, so a redelivery is processed again. */
  release(key: string): void | Promise<void>;
}

/**
 * The key to dedupe `event` on: the transaction id for `transaction.received`, the delivery id
 * otherwise.
 * @deprecated It ignores the transaction's status, so a `pending` or `failed` delivery blocks the
 * later `successful` one of the same transaction. Use `webhookWorkKey(event)`
 * (`transaction:<id>:<status>`), which `createWebhookHandler` uses.
 * @example webhookDedupeKey(event) // "transaction:txn_01"
 */
export function webhookDedupeKey(event: AnyKlerWebhookEvent): string {
  if (event.event === 'transaction.received') {
    const id = (event.data as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && id !== '') return `transaction:${id}`;
  }
  return `webhook:${event.webhook_id}`;
}

/**
 * Options of `createMemoryDedupeStore`.
 * @deprecated Use `createMemoryWebhookStore()` with `createWebhookHandler`.
 */
export interface MemoryDedupeStoreOptions {
  /**
   * How long a claim holds, in milliseconds. Longer than Kler's whole retry schedule, which is
   * enough for Standard Webhooks deliveries (a replay older than the tolerance fails
   * verification). Body-HMAC and unsigned deliveries carry no signed time and can be replayed
   * later: claim those in a permanent store instead (see `WebhookDedupeStore`).
   * @default `86_400_000` (24 hours)
   */
  ttlMs?: number;
  /**
   * The most keys kept; past it the oldest claims are forgotten first, so memory stays bounded
   * (a forgotten key could be processed again if redelivered).
   * @default 100_000
   */
  maxEntries?: number;
}

/**
 * The in-memory store: a `WebhookDedupeStore` whose methods answer synchronously.
 * @deprecated Use `createMemoryWebhookStore()` with `createWebhookHandler`.
 */
export interface MemoryDedupeStore extends WebhookDedupeStore {
  claim(key: string): boolean;
  release(key: string): void;
  /** Whether `key` is currently claimed. */
  has(key: string): boolean;
  /** How many claims are held (expired ones may still count until the next call). */
  readonly size: number;
}

/**
 * An in-memory `WebhookDedupeStore` with expiry, for ONE process.
 * @deprecated A boolean claim loses work when an attempt fails after a redelivery saw it
 * claimed. Use `createWebhookHandler({ secret, on, store: createMemoryWebhookStore() })`.
 * @example
 * // Before: if (processed.claim(webhookDedupeKey(event))) …
 * const handler = createWebhookHandler({ secret, store: createMemoryWebhookStore(), on: { 'transaction.received': issueTickets } });
 */
export function createMemoryDedupeStore(options: MemoryDedupeStoreOptions = {}): MemoryDedupeStore {
  const ttlMs = options.ttlMs ?? 86_400_000;
  const maxEntries = options.maxEntries ?? 100_000;
  if (!(ttlMs > 0)) throw new KlerConfigurationError(`ttlMs must be a positive number of milliseconds, got ${String(ttlMs)}.`);
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new KlerConfigurationError(`maxEntries must be a whole number of 1 or more, got ${String(maxEntries)}.`);
  }
  // Map order is claim order, and every claim has the same TTL, so the first entry always
  // expires first: expiry and eviction both just trim the front.
  const expiries = new Map<string, number>();

  const trim = (now: number): void => {
    for (const [key, expiry] of expiries) {
      if (expiry > now && expiries.size < maxEntries) break;
      expiries.delete(key);
    }
  };
  const live = (key: string, now: number): boolean => (expiries.get(key) ?? -Infinity) > now;

  return {
    claim(key) {
      const now = Date.now();
      if (live(key, now)) return false;
      expiries.delete(key);
      trim(now);
      expiries.set(key, now + ttlMs);
      return true;
    },
    release(key) {
      expiries.delete(key);
    },
    has(key) {
      return live(key, Date.now());
    },
    get size() {
      return expiries.size;
    },
  };
}
