/**
 * The Redis webhook store: claims, leases and the inbox in Redis, atomic through one Lua script
 * run with `EVALSHA`. Takes the user's own client (node-redis v4+ or ioredis); the SDK imports
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
import { REDIS_SCRIPT } from './redis-script.js';
import { checkKey, checkLimit, checkMs, checkRetain, newLeaseToken, refuseWorkersKv } from './shared.js';

/** The slice of a node-redis (`redis` v4+) client the store uses: `sendCommand` with an argument array. */
export interface NodeRedisLikeClient {
  /** Sends one command, name first (`['EVALSHA', sha, …]`). */
  sendCommand(args: string[]): Promise<unknown>;
}

/** The slice of an `ioredis` client (or Cluster-less `Redis` instance) the store uses. */
export interface IoredisLikeClient {
  /** Sends one command by name. */
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** Options of `createRedisWebhookStore`. */
export interface RedisWebhookStoreOptions {
  /**
   * Your connected client: `createClient()` from `redis` (node-redis v4 or later) or
   * `new Redis()` from `ioredis`. Told apart by shape: ioredis has `call`, node-redis `sendCommand`.
   */
  readonly client: NodeRedisLikeClient | IoredisLikeClient;
  /**
   * Prefix of every key the store writes. On Redis Cluster, put a hash tag in it
   * (`{kler}:webhook:`) so the script's keys share one slot.
   * @default 'kler:webhook:'
   */
  readonly prefix?: string;
}

type Send = (args: string[]) => Promise<unknown>;

function sender(client: unknown): Send {
  refuseWorkersKv('createRedisWebhookStore', client);
  const c = client as Partial<IoredisLikeClient & NodeRedisLikeClient> | null;
  if (c && typeof c.call === 'function') return (args) => c.call!(args[0]!, ...args.slice(1));
  if (c && typeof c.sendCommand === 'function') return (args) => c.sendCommand!(args);
  throw new KlerConfigurationError(
    'createRedisWebhookStore: `client` must be a node-redis client (createClient() from "redis", ' +
      'with sendCommand) or an ioredis client (new Redis() from "ioredis", with call). ' +
      'Upstash\'s REST client is not supported: use its Redis protocol endpoint with either client.',
  );
}

const STORE = 'Redis webhook store';

/**
 * A `WebhookInboxStore` in Redis, shared by every process that handles deliveries. Each
 * operation is one atomic script; lease clocks are the server's `TIME`. Done keys expire after
 * `retainMs` (Redis `PEXPIRE`) or never; pending and dead records never expire. Enable
 * persistence (AOF, or RDB snapshots) so records survive a restart of Redis.
 * @throws {KlerConfigurationError} when `client` is neither a node-redis nor an ioredis client
 *   (or is a Workers KV namespace).
 * @example
 * import { createClient } from 'redis';
 * import { createRedisWebhookStore } from '@kler/sdk/webhooks';
 *
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = createRedisWebhookStore({ client: redis });
 */
export function createRedisWebhookStore(options: RedisWebhookStoreOptions): WebhookInboxStore {
  const send = sender(options?.client);
  const prefix = options.prefix ?? 'kler:webhook:';
  if (typeof prefix !== 'string') throw new KlerConfigurationError(`${STORE}: prefix must be a string.`);
  const recordPrefix = `${prefix}k:`;
  const queue = `${prefix}q`;
  const dead = `${prefix}x`;
  let sha: Promise<string> | undefined;

  const load = () => (sha = (send(['SCRIPT', 'LOAD', REDIS_SCRIPT]) as Promise<string>).catch((error: unknown) => {
    sha = undefined;
    throw error;
  }));

  /** Runs one operation; reloads the script once when Redis lost it (restart, `SCRIPT FLUSH`). */
  async function run(key: string, op: string, ...args: string[]): Promise<unknown> {
    const argv = ['3', recordPrefix + key, queue, dead, op, ...args];
    try {
      return await send(['EVALSHA', await (sha ?? load()), ...argv]);
    } catch (error) {
      if (!/NOSCRIPT/.test(String((error as Error)?.message))) throw error;
      return send(['EVALSHA', await load(), ...argv]);
    }
  }

  const record = (row: unknown[]): WebhookInboxRecord => ({
    key: String(row[0]).slice(recordPrefix.length),
    event: String(row[1]),
    attempts: Number(row[2]),
    availableAt: Number(row[3]),
    lastError: row[4] == null ? undefined : String(row[4]),
    state: 'dead',
  });

  return {
    async claim(key: string, options: WebhookClaimOptions): Promise<WebhookClaim> {
      checkKey(STORE, key);
      const leaseMs = checkMs(STORE, 'leaseMs', options?.leaseMs);
      const token = newLeaseToken();
      const reply = (await run(key, 'claim', token, String(leaseMs))) as [string, string | number | undefined];
      if (reply[0] === 'done') return { status: 'done' };
      if (reply[0] === 'in_progress') return { status: 'in_progress', leaseExpiresAt: Number(reply[1]) };
      return { status: 'acquired', token, attempt: Number(reply[1]) };
    },
    async complete(key: string, token: string, options: WebhookCompleteOptions): Promise<boolean> {
      checkKey(STORE, key);
      const retain = checkRetain(STORE, options?.retainMs);
      return Number(await run(key, 'complete', String(token), retain === null ? '' : String(retain))) === 1;
    },
    async release(key: string, token: string): Promise<void> {
      checkKey(STORE, key);
      await run(key, 'release', String(token));
    },
    async enqueue(key: string, event: string, options: WebhookCompleteOptions): Promise<'enqueued' | 'duplicate'> {
      checkKey(STORE, key);
      if (typeof event !== 'string') throw new KlerConfigurationError(`${STORE}: enqueue takes the event as a JSON string.`);
      checkRetain(STORE, options?.retainMs); // pending records never expire; retention starts at `complete`
      return Number(await run(key, 'enqueue', event)) === 1 ? 'enqueued' : 'duplicate';
    },
    async lease(options: { readonly limit: number; readonly leaseMs: number }): Promise<WebhookLeasedRecord[]> {
      const limit = checkLimit(STORE, options?.limit);
      const leaseMs = checkMs(STORE, 'leaseMs', options.leaseMs);
      const rows = (await run('', 'lease', String(limit), String(leaseMs), newLeaseToken())) as unknown[][];
      return rows.map((row) => ({ ...record(row), state: 'pending', token: String(row[5]) }));
    },
    async fail(key: string, token: string, options: WebhookFailOptions): Promise<boolean> {
      checkKey(STORE, key);
      const retryInMs = checkMs(STORE, 'retryInMs', options?.retryInMs, 0);
      const args = [String(token), String(options.error), String(retryInMs), options.dead ? '1' : '0'];
      return Number(await run(key, 'fail', ...args)) === 1;
    },
    async deadLetters(options?: { readonly limit?: number }): Promise<WebhookInboxRecord[]> {
      const limit = checkLimit(STORE, options?.limit ?? 100);
      return ((await run('', 'dead', String(limit))) as unknown[][]).map(record);
    },
    async replay(key: string): Promise<boolean> {
      checkKey(STORE, key);
      return Number(await run(key, 'replay')) === 1;
    },
  };
}
