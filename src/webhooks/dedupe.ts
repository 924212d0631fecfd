/**
 * Dedupe for webhook handlers. Kler redelivers (up to 5 retries after a non-2xx answer or a
 * timeout), and the same transaction can arrive more than once, so "issue the ticket" must run
 * once per transaction however many deliveries carry it.
 */
import { KlerConfigurationError } from '../core/errors.js';
import type { AnyKlerWebhookEvent } from '../schemas/webhook-event.js';

/**
 * A record of which webhook work has been claimed, shared by every process that handles
 * deliveries. `claim` must be atomic: when two deliveries of one transaction race (two servers,
 * or a retry arriving while the first is still running), exactly one caller gets `true`.
 *
 * `createMemoryDedupeStore()` is enough for a single process receiving Standard Webhooks
 * deliveries. With several machines, back the interface with something they share; with
 * body-HMAC or unsigned deliveries (no signed time, so replayable later), with something that
 * never forgets, such as the unique constraint below:
 *
 * @example <caption>A database unique constraint (best: claim in the same transaction that issues the ticket)</caption>
 * // CREATE TABLE kler_webhook_claims (key text PRIMARY KEY, claimed_at timestamptz NOT NULL DEFAULT now());
 * const store: WebhookDedupeStore = {
 *   async claim(key) {
 *     const result = await db.query(
 *       'INSERT INTO kler_webhook_claims (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [key]);
 *     return result.rowCount === 1; // the unique constraint makes exactly one insert win
 *   },
 *   async release(key) {
 *     await db.query('DELETE FROM kler_webhook_claims WHERE key = $1', [key]);
 *   },
 * };
 *
 * @example <caption>Redis `SET key value NX PX ttl` (node-redis v4+)</caption>
 * const store: WebhookDedupeStore = {
 *   async claim(key) {
 *     // NX: only if absent, atomically; PX: expire after 7 days so the keyspace stays bounded.
 *     return (await redis.set(`kler:webhook:${key}`, '1', { NX: true, PX: 7 * 24 * 3600_000 })) === 'OK';
 *   },
 *   async release(key) {
 *     await redis.del(`kler:webhook:${key}`);
 *   },
 * };
 *
 * @example <caption>In a handler</caption>
 * const key = webhookDedupeKey(event);
 * if (!(await store.claim(key))) return new Response(null, { status: 200 }); // already done
 * try {
 *   await issueTicket(event);
 * } catch (error) {
 *   await store.release(key); // let Kler's next retry do it
 *   throw error;
 * }
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
 * The key to dedupe `event` on: the transaction id for `transaction.received` (Kler's own
 * advice, and stable across redeliveries of one transaction), the delivery id otherwise.
 * @example webhookDedupeKey(event) // "transaction:txn_01"
 */
export function webhookDedupeKey(event: AnyKlerWebhookEvent): string {
  if (event.event === 'transaction.received') {
    const id = (event.data as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && id !== '') return `transaction:${id}`;
  }
  return `webhook:${event.webhook_id}`;
}

/** Options of `createMemoryDedupeStore`. */
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

/** The in-memory store: a `WebhookDedupeStore` whose methods answer synchronously. */
export interface MemoryDedupeStore extends WebhookDedupeStore {
  claim(key: string): boolean;
  release(key: string): void;
  /** Whether `key` is currently claimed. */
  has(key: string): boolean;
  /** How many claims are held (expired ones may still count until the next call). */
  readonly size: number;
}

/**
 * An in-memory `WebhookDedupeStore` with expiry, for a handler running in ONE process. Claims
 * live in this process only: with several instances (or serverless functions) use a shared
 * store — see `WebhookDedupeStore`.
 * @example
 * const processed = createMemoryDedupeStore({ ttlMs: 24 * 3600_000 });
 * if (processed.claim(webhookDedupeKey(event))) queueTicket(event);
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
