/**
 * The scale scenario's Redis store module (`npm run bench:webhooks`, and the engine suite's
 * scale test): `createStore()` makes a Redis store through ioredis on `KLER_SCALE_REDIS_URL`,
 * in every receiver process; `start()`/`stop()` run a redis-server for the bench, started the
 * way the tests start it (test/engines/redis.ts).
 */
import { Redis } from 'ioredis';
import { createRedisWebhookStore, type WebhookInboxStore } from '@kler/sdk/webhooks';
import { loadEngines } from '../_engines.ts';

/** How the bench names this store. */
export const name = 'redis (ioredis)';

const clients: Redis[] = [];
let engine: { stop(): Promise<void> } | undefined;

/** A Redis store on `KLER_SCALE_REDIS_URL`, its keys under `KLER_SCALE_REDIS_PREFIX`. */
export function createStore(): WebhookInboxStore {
  const url = process.env.KLER_SCALE_REDIS_URL;
  if (!url) throw new Error('KLER_SCALE_REDIS_URL is not set');
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return createRedisWebhookStore({ client, prefix: process.env.KLER_SCALE_REDIS_PREFIX ?? 'kler-scale:' });
}

/** Starts a redis-server on loopback: the environment the receiver processes need. */
export async function start(): Promise<Record<string, string>> {
  const started = await (await loadEngines()).startRedis();
  engine = started;
  return { KLER_SCALE_REDIS_URL: started.url };
}

/** Closes this process's clients and stops the server. */
export async function stop(): Promise<void> {
  for (const client of clients.splice(0)) client.disconnect();
  await engine?.stop();
}
