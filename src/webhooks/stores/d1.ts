/**
 * The Cloudflare D1 webhook store: the SQL store's one table in D1 (SQLite). Each operation is
 * one statement or one batch (a transaction), so it is atomic; times are the database's own.
 */
import { KlerConfigurationError } from '../../core/errors.js';
import type {
  WebhookClaim,
  WebhookClaimOptions,
  WebhookCompleteOptions,
  WebhookFailOptions,
  WebhookInboxRecord,
  WebhookInboxStore,
  WebhookLeasedRecord,
} from '../store.js';
import { d1Queries } from './d1-queries.js';
import { checkKey, checkLimit, checkMs, checkRetain, newLeaseToken, refuseWorkersKv } from './shared.js';
import { tableName } from './sql-table.js';

/** What a D1 statement returns, as far as the store reads it. */
export interface D1ResultLike {
  /** The rows. */
  readonly results: unknown[];
}

/** The slice of a D1 prepared statement the store uses. */
export interface D1PreparedStatementLike {
  /** Binds the `?1`, `?2`… parameters. */
  bind(...values: unknown[]): D1PreparedStatementLike;
  /** Runs the statement and returns its rows. */
  all(): Promise<D1ResultLike>;
}

/** The slice of a D1 database binding (`env.DB`) the store uses. */
export interface D1DatabaseLike {
  /** Prepares one SQL statement. */
  prepare(query: string): D1PreparedStatementLike;
  /** Runs statements in one transaction. */
  batch(statements: D1PreparedStatementLike[]): Promise<D1ResultLike[]>;
}

/** Options of `createD1WebhookStore`. */
export interface D1WebhookStoreOptions {
  /**
   * The table created by `webhookStoreMigration({ dialect: 'sqlite' })`
   * (`kler webhooks migration --dialect sqlite`, applied with `wrangler d1 migrations`).
   * @default 'kler_webhook_work'
   */
  readonly table?: string;
}

type Row = Record<string, unknown>;
const STORE = 'D1 webhook store';
const PURGE_EVERY = 64;

/**
 * A `WebhookInboxStore` in a Cloudflare D1 database, for Workers that already use D1. Create
 * the table first with `webhookStoreMigration({ dialect: 'sqlite' })`.
 * @throws {KlerConfigurationError} when `db` is not a D1 binding (or is a Workers KV namespace,
 *   which is not atomic), or the table name is not a plain identifier.
 * @example
 * import { createD1WebhookStore } from '@kler/sdk/webhooks';
 *
 * export default {
 *   async fetch(request: Request, env: Env) {
 *     const store = createD1WebhookStore(env.DB);
 *     // ... createWebhookHandler({ store, ... }).fetch(request)
 *   },
 * };
 */
export function createD1WebhookStore(db: D1DatabaseLike, options: D1WebhookStoreOptions = {}): WebhookInboxStore {
  refuseWorkersKv('createD1WebhookStore', db);
  if (typeof db?.prepare !== 'function' || typeof db.batch !== 'function') {
    throw new KlerConfigurationError('createD1WebhookStore takes a D1 database binding (env.DB, with prepare and batch).');
  }
  const name = options.table ?? 'kler_webhook_work';
  const q = d1Queries(tableName(name, 'sqlite').quoted);
  let completions = 0;

  const explain = (error: unknown): never => {
    if (/no such table/i.test(String((error as Error)?.message))) {
      throw new KlerConfigurationError(
        `The webhook store table ${name} does not exist in this D1 database. Create it once with the SQL of ` +
          `webhookStoreMigration({ table: '${name}', dialect: 'sqlite' }) (or: kler webhooks migration --dialect sqlite --table ${name}).`,
        { cause: error },
      );
    }
    throw error;
  };
  const rows = async (sql: string, ...values: unknown[]) =>
    ((await db.prepare(sql).bind(...values).all().catch(explain)).results ?? []) as Row[];
  const ok = async (sql: string, ...values: unknown[]) => (await rows(sql, ...values)).length > 0;
  const record = (row: Row): WebhookInboxRecord => ({
    key: String(row['key']),
    event: String(row['event']),
    attempts: Number(row['attempts']),
    availableAt: Number(row['available_at']),
    lastError: row['last_error'] == null ? undefined : String(row['last_error']),
    state: 'dead',
  });

  return {
    async claim(key: string, o: WebhookClaimOptions): Promise<WebhookClaim> {
      checkKey(STORE, key);
      const leaseMs = checkMs(STORE, 'leaseMs', o?.leaseMs);
      const token = newLeaseToken();
      // One batch, one transaction: the state read is the one the upsert left.
      const [claimed, state] = await db
        .batch([db.prepare(q.claim).bind(key, token, leaseMs), db.prepare(q.claimState).bind(key)])
        .catch(explain);
      const won = (claimed?.results?.[0] as Row | undefined)?.['attempts'];
      if (won !== undefined) return { status: 'acquired', token, attempt: Number(won) };
      const row = state?.results?.[0] as Row | undefined;
      if (row?.['state'] === 'done') return { status: 'done' };
      return { status: 'in_progress', leaseExpiresAt: Number(row?.['lease_until']) };
    },
    async complete(key: string, token: string, o: WebhookCompleteOptions): Promise<boolean> {
      checkKey(STORE, key);
      const done = await ok(q.complete, key, String(token), checkRetain(STORE, o?.retainMs));
      // Housekeeping only: a failed purge leaves expired rows that claims already ignore.
      if (done && ++completions % PURGE_EVERY === 0) await rows(q.purge).catch(() => undefined);
      return done;
    },
    async release(key: string, token: string): Promise<void> {
      checkKey(STORE, key);
      await rows(q.release, key, String(token));
    },
    async enqueue(key: string, event: string, o: WebhookCompleteOptions): Promise<'enqueued' | 'duplicate'> {
      checkKey(STORE, key);
      checkRetain(STORE, o?.retainMs);
      if (typeof event !== 'string') throw new KlerConfigurationError(`${STORE}: enqueue takes the event as a JSON string.`);
      return (await ok(q.enqueue, key, event)) ? 'enqueued' : 'duplicate';
    },
    async lease(o: { readonly limit: number; readonly leaseMs: number }): Promise<WebhookLeasedRecord[]> {
      const limit = checkLimit(STORE, o?.limit);
      const leaseMs = checkMs(STORE, 'leaseMs', o.leaseMs);
      return (await rows(q.lease, limit, leaseMs))
        .map((row) => ({ ...record(row), state: 'pending' as const, token: String(row['token']) }))
        .sort((a, b) => a.availableAt - b.availableAt || (a.key < b.key ? -1 : 1));
    },
    async fail(key: string, token: string, o: WebhookFailOptions): Promise<boolean> {
      checkKey(STORE, key);
      const retryInMs = checkMs(STORE, 'retryInMs', o?.retryInMs, 0);
      return ok(q.fail, key, String(token), String(o.error), retryInMs, o.dead === true ? 1 : 0);
    },
    async deadLetters(o?: { readonly limit?: number }): Promise<WebhookInboxRecord[]> {
      return (await rows(q.deadLetters, checkLimit(STORE, o?.limit ?? 100))).map(record);
    },
    async replay(key: string): Promise<boolean> {
      checkKey(STORE, key);
      return ok(q.replay, key);
    },
  };
}
