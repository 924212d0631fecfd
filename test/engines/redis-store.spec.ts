/**
 * The Redis store against a real redis-server (started here on a free loopback port), through
 * both clients users have: node-redis and ioredis.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
// The previous majors users still run, installed under aliases (npm:redis@^4, npm:ioredis@^5).
import { Redis as Ioredis5 } from 'ioredis-v5';
import { createClient as createClient4 } from 'redis-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisWebhookStore, KlerConfigurationError } from '../../src/webhooks/index.js';
import { startChild } from './child.js';
import { startRedis, type RedisEngine } from './redis.js';
import { describeStoreContract } from './store-contract.js';
import { describeWebhookStore } from '../webhooks/store-conformance.js';
import type { WebhookClaim } from '../../src/webhooks/store.js';

let engine: RedisEngine;
// Restarting the server drops the connection; node-redis reconnects, but reports it as an error event.
const connectNodeRedis = (url: string) => createClient({ url }).on('error', () => undefined).connect();
let nodeRedis: Awaited<ReturnType<typeof connectNodeRedis>>;
let ioredis: Redis;
let nodeRedis4: ReturnType<typeof createClient4>;
let ioredis5: Ioredis5;
const prefix = () => `test:${crypto.randomUUID()}:`;

beforeAll(async () => {
  engine = await startRedis();
  nodeRedis = await connectNodeRedis(engine.url);
  ioredis = new Redis(engine.url, { maxRetriesPerRequest: 1 }).on('error', () => undefined); // reconnects after the restart
  nodeRedis4 = createClient4({ url: engine.url });
  nodeRedis4.on('error', () => undefined);
  await nodeRedis4.connect();
  ioredis5 = new Ioredis5(engine.url, { maxRetriesPerRequest: 1 }).on('error', () => undefined);
});

afterAll(async () => {
  await nodeRedis?.close();
  ioredis?.disconnect();
  await nodeRedis4?.quit();
  ioredis5?.disconnect();
  await engine?.stop();
});

describeStoreContract('Redis store (node-redis)', async () => createRedisWebhookStore({ client: nodeRedis, prefix: prefix() }));
describeStoreContract('Redis store (ioredis)', async () => createRedisWebhookStore({ client: ioredis, prefix: prefix() }));
// The handler's own conformance suite (what createWebhookHandler relies on), on the real server.
describeWebhookStore('Redis store (node-redis)', () => createRedisWebhookStore({ client: nodeRedis, prefix: prefix() }), { timeScale: 4, concurrent: true });
describeWebhookStore('Redis store (ioredis)', () => createRedisWebhookStore({ client: ioredis, prefix: prefix() }), { timeScale: 4, concurrent: true });

describeStoreContract('Redis store (node-redis v4)', async () => createRedisWebhookStore({ client: nodeRedis4, prefix: prefix() }));
describeStoreContract('Redis store (ioredis v5)', async () => createRedisWebhookStore({ client: ioredis5, prefix: prefix() }));

describe('Redis store', () => {
  it('agrees across clients: a node-redis claim holds against an ioredis claimer', async () => {
    const p = prefix();
    const a = createRedisWebhookStore({ client: nodeRedis, prefix: p });
    const b = createRedisWebhookStore({ client: ioredis, prefix: p });
    const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).claim('k', { leaseMs: 60_000 })));
    expect(claims.filter((c) => c.status === 'acquired')).toHaveLength(1);
  });

  it('takes over the lease of a process that was SIGKILLed mid-work, once the lease expires', async () => {
    const p = prefix();
    const child = await startChild<WebhookClaim>('children/claim-and-hang.ts', ['redis', engine.url, 'k', '2500', p]);
    expect(child.firstLine).toMatchObject({ status: 'acquired', attempt: 1 });
    await child.kill();
    const store = createRedisWebhookStore({ client: ioredis, prefix: p });
    const during = await store.claim('k', { leaseMs: 60_000 });
    expect(during.status).toBe('in_progress');
    const waitMs = (during as { leaseExpiresAt: number }).leaseExpiresAt - Date.now() + 100;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
    expect(await store.claim('k', { leaseMs: 60_000 })).toMatchObject({ status: 'acquired', attempt: 2 });
  });

  it('keeps done keys, pending and dead records across a restart of Redis (append-only file)', async () => {
    const p = prefix();
    const store = createRedisWebhookStore({ client: nodeRedis, prefix: p });
    const claim = await store.claim('done', { leaseMs: 60_000 });
    if (claim.status !== 'acquired') throw new Error('expected acquired');
    await store.complete('done', claim.token, { retainMs: null });
    await store.enqueue('pending', '{"p":1}', { retainMs: null });
    await store.enqueue('dead', '{"d":1}', { retainMs: null });
    const [first, second] = await store.lease({ limit: 2, leaseMs: 60_000 });
    const dead = [first, second].find((r) => r?.key === 'dead')!;
    const pending = [first, second].find((r) => r?.key === 'pending')!;
    await store.fail('dead', dead.token, { error: 'x', retryInMs: 0, dead: true });
    await store.release('pending', pending.token);

    await engine.restart(); // SIGTERM, then a new server process on the same data
    const client = await connectNodeRedis(engine.url);
    try {
      const after = createRedisWebhookStore({ client, prefix: p }); // the script cache is gone too: reloaded
      expect(await after.claim('done', { leaseMs: 60_000 })).toEqual({ status: 'done' });
      expect((await after.deadLetters()).map((r) => r.key)).toEqual(['dead']);
      expect((await after.lease({ limit: 5, leaseMs: 60_000 })).map((r) => [r.key, r.event])).toEqual([['pending', '{"p":1}']]);
      // A store made before the restart reloads its script once (NOSCRIPT) and carries on.
      expect(await store.claim('done', { leaseMs: 60_000 })).toEqual({ status: 'done' });
    } finally {
      await client.close();
    }
  }, 30_000);

  it('refuses what is not a Redis client, saying which clients work', () => {
    expect(() => createRedisWebhookStore({ client: {} as never })).toThrow(KlerConfigurationError);
    expect(() => createRedisWebhookStore({ client: {} as never })).toThrow(/node-redis.*ioredis/);
  });
});
