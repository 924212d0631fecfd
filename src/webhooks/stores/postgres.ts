/**
 * The PostgreSQL webhook store: claims, leases and the inbox in one table, each operation one
 * atomic statement. Takes the user's own `pg` Pool/Client or postgres.js `sql`; the SDK imports
 * neither.
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
import { postgresQueries } from './postgres-queries.js';
import { checkKey, checkLimit, checkMs, checkRetain, newLeaseToken, refuseWorkersKv } from './shared.js';
import { tableName } from './sql-table.js';

/** What `pg`'s `query` returns, as far as the store reads it. */
export interface PgResultLike {
  /** The rows. */
  readonly rows: unknown[];
}

/** The slice of a `pg` `Pool` or `Client` the store uses. */
export interface PgLikeClient {
  /** Runs one parameterised statement (`$1`, `$2`…). */
  query(text: string, values: unknown[]): Promise<PgResultLike>;
}

/** The slice of a postgres.js `sql` instance the store uses. */
export interface PostgresJsLikeClient {
  // `never[]`: postgres.js types its parameters narrowly; the store passes strings, numbers, booleans and null.
  /** Runs one parameterised statement (`$1`, `$2`…). */
  unsafe(text: string, values: never[]): PromiseLike<readonly unknown[]>;
}

/** Options of `createPostgresWebhookStore`. */
export interface PostgresWebhookStoreOptions {
  /**
   * Your client: a `pg` `Pool` (or connected `Client`), or a postgres.js `sql`. Told apart by
   * shape: postgres.js has `unsafe`, pg has `query`. Use a pool, not a client inside your own
   * transaction: each operation must commit on its own.
   */
  readonly client: PgLikeClient | PostgresJsLikeClient;
  /**
   * The table created by `webhookStoreMigration()` (`kler webhooks migration`).
   * @default 'kler_webhook_work'
   */
  readonly table?: string;
}

type Row = Record<string, unknown>;
type Query = (text: string, values: unknown[]) => Promise<Row[]>;

function querier(client: unknown, table: string): Query {
  refuseWorkersKv('createPostgresWebhookStore', client);
  const c = client as Partial<PgLikeClient & PostgresJsLikeClient> | null;
  let run: Query;
  if (c && typeof c.unsafe === 'function') run = async (text, values) => [...((await c.unsafe!(text, values as never[])) as Row[])];
  else if (c && typeof c.query === 'function') run = async (text, values) => (await c.query!(text, values)).rows as Row[];
  else {
    throw new KlerConfigurationError(
      'createPostgresWebhookStore: `client` must be a pg Pool or Client (with query) or a postgres.js sql (with unsafe).',
    );
  }
  return async (text, values) => {
    try {
      return await run(text, values);
    } catch (error) {
      if ((error as { code?: unknown })?.code === '42P01') {
        throw new KlerConfigurationError(
          `The webhook store table ${table} does not exist. Create it once with the SQL of ` +
            `webhookStoreMigration({ table: '${table}' }) (or: kler webhooks migration --table ${table}).`,
          { cause: error },
        );
      }
      throw error;
    }
  };
}

const STORE = 'PostgreSQL webhook store';
const PURGE_EVERY = 64;

/**
 * A `WebhookInboxStore` in one PostgreSQL table (PostgreSQL 13 or later), shared by every
 * process that handles deliveries. Create the table first with `webhookStoreMigration()`.
 * Done rows past `retainMs` are ignored by claims and deleted a hundred at a time as
 * completions go by; pending and dead rows are never deleted.
 * @throws {KlerConfigurationError} when `client` is neither a pg nor a postgres.js client, or
 *   the table name is not a plain identifier.
 * @example
 * import pg from 'pg';
 * import { createPostgresWebhookStore } from '@kler/sdk/webhooks';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = createPostgresWebhookStore({ client: pool });
 */
export function createPostgresWebhookStore(options: PostgresWebhookStoreOptions): WebhookInboxStore {
  const table = tableName(options?.table);
  const query = querier(options?.client, options?.table ?? 'kler_webhook_work');
  const q = postgresQueries(table.quoted);
  let completions = 0;

  const record = (row: Row): WebhookInboxRecord => ({
    key: String(row['key']),
    event: String(row['event']),
    attempts: Number(row['attempts']),
    availableAt: Number(row['available_at']),
    lastError: row['last_error'] == null ? undefined : String(row['last_error']),
    state: 'dead',
  });
  const ok = async (text: string, values: unknown[]) => (await query(text, values)).length > 0;

  return {
    async claim(key: string, options: WebhookClaimOptions): Promise<WebhookClaim> {
      checkKey(STORE, key);
      const leaseMs = checkMs(STORE, 'leaseMs', options?.leaseMs);
      const token = newLeaseToken();
      // The fallback SELECT reads the statement's snapshot, which can predate a row a concurrent
      // claim just committed (no row) or a lease just given up (no lease end): ask again then.
      for (let tries = 0; ; tries++) {
        const [row] = await query(q.claim, [key, token, leaseMs]);
        const status = row?.['status'];
        if (status === 'acquired') return { status, token, attempt: Number(row!['attempts']) };
        if (status === 'done') return { status };
        const leaseExpiresAt = Number(row?.['lease_expires_at'] ?? Number.NaN);
        if (status === 'in_progress' && leaseExpiresAt > 0) return { status, leaseExpiresAt };
        if (tries >= 20) throw new Error(`${STORE}: the claim of ${key} kept racing; try again`);
      }
    },
    async complete(key: string, token: string, options: WebhookCompleteOptions): Promise<boolean> {
      checkKey(STORE, key);
      const retain = checkRetain(STORE, options?.retainMs);
      const done = await ok(q.complete, [key, String(token), retain]);
      if (done && ++completions % PURGE_EVERY === 0) {
        // Housekeeping only: a failed purge leaves expired rows that claims already ignore.
        await query(q.purge, []).catch(() => undefined);
      }
      return done;
    },
    async release(key: string, token: string): Promise<void> {
      checkKey(STORE, key);
      await query(q.release, [key, String(token)]);
    },
    async enqueue(key: string, event: string, options: WebhookCompleteOptions): Promise<'enqueued' | 'duplicate'> {
      checkKey(STORE, key);
      if (typeof event !== 'string') throw new KlerConfigurationError(`${STORE}: enqueue takes the event as a JSON string.`);
      checkRetain(STORE, options?.retainMs);
      return (await ok(q.enqueue, [key, event])) ? 'enqueued' : 'duplicate';
    },
    async lease(options: { readonly limit: number; readonly leaseMs: number }): Promise<WebhookLeasedRecord[]> {
      const limit = checkLimit(STORE, options?.limit);
      const leaseMs = checkMs(STORE, 'leaseMs', options.leaseMs);
      const rows = await query(q.lease, [limit, leaseMs]);
      return rows
        .map((row) => ({ ...record(row), state: 'pending' as const, token: String(row['token']) }))
        .sort((a, b) => a.availableAt - b.availableAt || (a.key < b.key ? -1 : 1));
    },
    async fail(key: string, token: string, options: WebhookFailOptions): Promise<boolean> {
      checkKey(STORE, key);
      const retryInMs = checkMs(STORE, 'retryInMs', options?.retryInMs, 0);
      return ok(q.fail, [key, String(token), String(options.error), retryInMs, options.dead === true]);
    },
    async deadLetters(options?: { readonly limit?: number }): Promise<WebhookInboxRecord[]> {
      const limit = checkLimit(STORE, options?.limit ?? 100);
      return (await query(q.deadLetters, [limit])).map(record);
    },
    async replay(key: string): Promise<boolean> {
      checkKey(STORE, key);
      return ok(q.replay, [key]);
    },
  };
}
