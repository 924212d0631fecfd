/**
 * The store protocol behind `createWebhookHandler`: what a shared store must do so that a
 * delivery is acknowledged only once its work is done (inline) or durably recorded (inbox), a
 * redelivery during the work is told to come back, and work held by a crashed process is taken
 * over once its lease expires.
 *
 * Every method must be atomic with respect to every other call on the same key, from any
 * process. Times are epoch milliseconds on the store's own clock (Redis `TIME`, PostgreSQL
 * `now()`, `Date.now()` in memory), so processes with skewed clocks still agree on leases.
 *
 * A key names one unit of work: per transaction and status (`transaction:txn_01:successful`),
 * so a `failed` delivery never blocks the later `successful` one of the same transaction.
 */

/** What `claim` found. */
export type WebhookClaim =
  /** The caller now holds the lease: do the work, then `complete` or `release` with `token`. */
  | {
      /** The caller holds the lease. */
      readonly status: 'acquired';
      /** Proves the lease to `complete` and `release`; a new one per acquisition. */
      readonly token: string;
      /** Acquisitions of this key so far, this one included, from 1. */
      readonly attempt: number;
    }
  /** Another caller holds a live lease: answer non-2xx so Kler redelivers later. */
  | {
      /** Someone else holds a live lease. */
      readonly status: 'in_progress';
      /** When that lease ends, epoch milliseconds on the store's clock. */
      readonly leaseExpiresAt: number;
    }
  /** The work is done: answer 2xx and do nothing. */
  | {
      /** The key was completed. */
      readonly status: 'done';
    };

/** Options of `WebhookStore.claim`. */
export interface WebhookClaimOptions {
  /** How long the lease holds, in milliseconds; past it another caller may take the work over. */
  readonly leaseMs: number;
}

/** Options of `WebhookStore.complete`. */
export interface WebhookCompleteOptions {
  /**
   * How long the `done` mark is kept, in milliseconds: at least Kler's whole retry window.
   * `null` keeps it forever (deliveries with no signed time can be replayed at any time).
   */
  readonly retainMs: number | null;
}

/** The lease-based claim store used for inline processing. */
export interface WebhookStore {
  /**
   * Atomically: `done` if the key was completed; `in_progress` if another token holds a lease
   * that has not expired; otherwise `acquired` with a fresh token (an absent key, a released
   * one, or one whose lease expired). `attempt` counts acquisitions of this key, from 1.
   *
   * A dead-lettered inbox record is acquired too (the caller asked for that work again): it
   * leaves the dead letters and is pending, so if this claim is released or failed, the inbox
   * leases its recorded event again — nothing is lost.
   */
  claim(key: string, options: WebhookClaimOptions): Promise<WebhookClaim>;
  /**
   * Marks the key done, if `token` still holds its lease. `false` when the lease was lost
   * (expired and taken over): the caller's work may then have run twice, which it must report.
   *
   * A lease that expired but that nobody took over is not lost: the token still holds it, and
   * `complete` (like `release` and `fail`) succeeds — the work ran once, so it is recorded once,
   * rather than refused and run again by the next claimer.
   */
  complete(key: string, token: string, options: WebhookCompleteOptions): Promise<boolean>;
  /** Gives up the lease held by `token` (the work failed), so the next claim acquires at once. */
  release(key: string, token: string): Promise<void>;
}

/** A verified event recorded in an inbox, waiting for (or done with) its work. */
export interface WebhookInboxRecord {
  /** The unit-of-work key, as for `claim`. */
  readonly key: string;
  /** The verified event, serialised as JSON (`JSON.stringify` of `KlerWebhookEvent`). */
  readonly event: string;
  /** Attempts made so far (failed or lost leases included). */
  readonly attempts: number;
  /** `pending` (waiting or leased), `done`, or `dead` (dead-lettered after too many failures). */
  readonly state: 'pending' | 'done' | 'dead';
  /** When the record may next be leased, epoch milliseconds. */
  readonly availableAt: number;
  /** The last failure's message, scrubbed of secrets by the caller. */
  readonly lastError?: string | undefined;
}

/** A record leased to one worker: work it, then `complete` or `fail` with `token`. */
export interface WebhookLeasedRecord extends WebhookInboxRecord {
  /** Proves this lease to `complete`, `fail` and `release`. */
  readonly token: string;
}

/** Options of `WebhookInboxStore.fail`. */
export interface WebhookFailOptions {
  /** The failure's message, kept on the record (already scrubbed of secrets). */
  readonly error: string;
  /** When the record may be leased again, epoch milliseconds (on the store's clock: an offset is added to its `now`). */
  readonly retryInMs: number;
  /** Dead-letter the record instead of retrying it. */
  readonly dead: boolean;
}

/** The inbox store: durable enqueue at delivery time, leased work afterwards, dead letters. */
export interface WebhookInboxStore extends WebhookStore {
  /**
   * Records `event` under `key` unless the key exists in any state: `enqueued` for the first
   * caller, `duplicate` for every later one. Once it resolves `enqueued`, the record survives a
   * crash of this process (and, for an engine that persists, of the engine).
   */
  enqueue(key: string, event: string, options: WebhookCompleteOptions): Promise<'enqueued' | 'duplicate'>;
  /**
   * Atomically leases up to `limit` pending records that are available now (their retry time
   * has come, or a previous lease on them expired); each record goes to exactly one caller.
   * Each lease increments the record's `attempts`.
   */
  lease(options: { readonly limit: number; readonly leaseMs: number }): Promise<WebhookLeasedRecord[]>;
  /** The work on a leased record failed: pending again after `retryInMs`, or dead. `false` if the lease was lost. */
  fail(key: string, token: string, options: WebhookFailOptions): Promise<boolean>;
  /** Dead-lettered records, oldest first. */
  deadLetters(options?: { readonly limit?: number }): Promise<WebhookInboxRecord[]>;
  /** Puts a dead record back to pending, available now, attempts reset to 0. `false` if it is not dead. */
  replay(key: string): Promise<boolean>;
}
