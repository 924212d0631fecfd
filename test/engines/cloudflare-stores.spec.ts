/**
 * The Durable Object and D1 stores in the real Workers runtime (workerd, through miniflare):
 * the store code runs inside a Worker, against a real Durable Object and D1 database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createD1WebhookStore,
  createDurableObjectWebhookStore,
  createPostgresWebhookStore,
  createRedisWebhookStore,
  KlerConfigurationError,
  signWebhook,
} from '../../src/webhooks/index.js';
import type { WebhookClaim } from '../../src/webhooks/store.js';
import { startChild } from './child.js';
import { startWorkers, WORKER_WEBHOOK_SECRET, type WorkersEngine } from './miniflare.js';
import { describeStoreContract } from './store-contract.js';
import { DOC_BODY } from '../webhooks/vectors.js';

let engine: WorkersEngine;
let n = 0;
const fresh = () => `ns${++n}_${Date.now()}`;

beforeAll(async () => {
  engine = await startWorkers();
});
afterAll(async () => engine?.stop());

describeStoreContract('Durable Object store (workerd)', async () => engine.store('do', fresh()));
describeStoreContract('D1 store (workerd)', async () => {
  const table = fresh();
  await engine.migrateD1(table);
  return engine.store('d1', table);
});

describe('Cloudflare stores in a Worker', () => {
  it.each(['do', 'd1'] as const)('%s: 50 concurrent claims of one key inside one Worker request, exactly one acquired', async (kind) => {
    const ns = fresh();
    if (kind === 'd1') await engine.migrateD1(ns);
    const statuses = (await (await fetch(`${engine.url}/race/${kind}/${ns}?n=50`)).json()) as string[];
    expect(statuses).toHaveLength(50);
    expect(statuses.filter((s) => s === 'acquired')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'in_progress')).toHaveLength(49);
  });

  it.each(['do', 'd1'] as const)('%s: 50 concurrent requests from outside, exactly one acquired', async (kind) => {
    const ns = fresh();
    if (kind === 'd1') await engine.migrateD1(ns);
    const store = engine.store(kind, ns);
    const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim('k', { leaseMs: 60_000 })));
    expect(claims.filter((c) => c.status === 'acquired')).toHaveLength(1);
  });

  it.each(['do', 'd1'] as const)('%s: a lease held by a SIGKILLed process is taken over once it expires', async (kind) => {
    const ns = fresh();
    if (kind === 'd1') await engine.migrateD1(ns);
    const child = await startChild<WebhookClaim>('children/claim-and-hang.ts', ['http', `${engine.url}`, 'k', '2500', `${kind}:${ns}`]);
    expect(child.firstLine).toMatchObject({ status: 'acquired', attempt: 1 });
    await child.kill();
    const store = engine.store(kind, ns);
    const during = await store.claim('k', { leaseMs: 60_000 });
    expect(during.status).toBe('in_progress');
    await new Promise((resolve) => setTimeout(resolve, (during as { leaseExpiresAt: number }).leaseExpiresAt - Date.now() + 100));
    expect(await store.claim('k', { leaseMs: 60_000 })).toMatchObject({ status: 'acquired', attempt: 2 });
  });

  it('keeps done keys and dead letters of both stores across a restart of workerd (persisted storage)', async () => {
    const ns = fresh();
    await engine.migrateD1(ns);
    for (const kind of ['do', 'd1'] as const) {
      const store = engine.store(kind, ns);
      const claim = await store.claim('done', { leaseMs: 60_000 });
      if (claim.status !== 'acquired') throw new Error('expected acquired');
      await store.complete('done', claim.token, { retainMs: null });
      await store.enqueue('dead', '{}', { retainMs: null });
      const [leased] = await store.lease({ limit: 1, leaseMs: 60_000 });
      await store.fail('dead', leased!.token, { error: 'x', retryInMs: 0, dead: true });
    }
    await engine.restart();
    for (const kind of ['do', 'd1'] as const) {
      const store = engine.store(kind, ns);
      expect(await store.claim('done', { leaseMs: 60_000 })).toEqual({ status: 'done' });
      expect((await store.deadLetters()).map((r) => r.key)).toEqual(['dead']);
    }
  }, 60_000);

  it('verifies a signed delivery in a Worker fetch handler and processes 10 concurrent redeliveries once', async () => {
    const ns = fresh();
    const payload = DOC_BODY.replace('"txn_01"', '"txn_cf_1"');
    const headers = await signWebhook({ payload, secret: WORKER_WEBHOOK_SECRET });
    const deliver = () => fetch(`${engine.url}/webhook/do/${ns}`, { method: 'POST', body: payload, headers: { ...headers } });
    const answers = await Promise.all(Array.from({ length: 10 }, async () => {
      const response = await deliver();
      const body = (await response.json()) as { outcome?: string; reason?: string };
      return [response.status, body.outcome ?? body.reason] as const;
    }));
    expect(answers.filter(([, outcome]) => outcome === 'processed'), JSON.stringify(answers)).toHaveLength(1);
    // The others were told to come back (409) while it ran, or that it was done (200): never "processed" twice.
    for (const [status, outcome] of answers) expect([[200, 'processed'], [409, 'in_progress'], [200, 'duplicate']]).toContainEqual([status, outcome]);
    const later = await deliver();
    expect([later.status, ((await later.json()) as { outcome: string }).outcome]).toEqual([200, 'duplicate']);

    const forged = await fetch(`${engine.url}/webhook/do/${ns}`, { method: 'POST', body: payload.replace('5000.00', '50000.00'), headers: { ...headers } });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ reason: 'no_matching_signature' });
  });
});

describe('Workers KV', () => {
  it('is not atomic: 20 concurrent read-then-write claims of one key in workerd have many winners', async () => {
    const { winners } = (await (await fetch(`${engine.url}/kv-race?n=20`)).json()) as { winners: number };
    expect(winners).toBeGreaterThan(1);
  });

  it('is refused by every store factory, in a Worker too, with what to use instead', async () => {
    const refusal = (await (await fetch(`${engine.url}/kv-refused`)).json()) as { refused: boolean; name: string; message: string };
    expect(refusal).toMatchObject({ refused: true, name: 'KlerConfigurationError' });
    expect(refusal.message).toMatch(/not atomic.*createDurableObjectWebhookStore.*createD1WebhookStore/s);

    const kvShaped = { get: async () => null, put: async () => undefined, delete: async () => undefined, list: async () => ({}), getWithMetadata: async () => ({}) };
    const factories = [
      () => createDurableObjectWebhookStore(kvShaped as never),
      () => createD1WebhookStore(kvShaped as never),
      () => createRedisWebhookStore({ client: kvShaped as never }),
      () => createPostgresWebhookStore({ client: kvShaped as never }),
    ];
    for (const make of factories) expect(make).toThrow(KlerConfigurationError);
    for (const make of factories) expect(make).toThrow(/Workers KV namespace/);
  });
});
