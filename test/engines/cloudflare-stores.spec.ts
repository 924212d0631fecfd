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
import { describeWebhookStore } from '../webhooks/store-conformance.js';
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

// The handler's own conformance suite, each call a request into workerd (hence the longer leases).
describeWebhookStore('Durable Object store (workerd)', () => engine.store('do', fresh()), { timeScale: 8, concurrent: true });
describeWebhookStore('D1 store (workerd)', async () => {
  const table = fresh();
  await engine.migrateD1(table);
  return engine.store('d1', table);
}, { timeScale: 8, concurrent: true });

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

  it('runs createWebhookHandler().fetch in workerd on the Durable Object store: 10 concurrent redeliveries processed once, 409 while in progress, 200 duplicate, 401 forged', async () => {
    const ns = fresh();
    const payload = DOC_BODY.replace('"txn_01"', '"txn_cf_1"');
    const headers = await signWebhook({ payload, secret: WORKER_WEBHOOK_SECRET });
    const deliver = (body = payload, h: Record<string, string> = { ...headers }) => fetch(`${engine.url}/webhook/do/${ns}`, { method: 'POST', body, headers: h });
    const answer = async (response: Response) => [response.status, (await response.json()) as Record<string, string>] as const;
    const answers = await Promise.all(Array.from({ length: 10 }, async () => answer(await deliver())));
    expect(answers.filter(([, body]) => body.status === 'processed'), JSON.stringify(answers)).toHaveLength(1);
    // The others were told to come back (409, never 2xx) while it ran, or that it was done (200).
    for (const [status, body] of answers) expect([[200, { status: 'processed' }], [409, { status: 'in_progress' }], [200, { status: 'duplicate' }]]).toContainEqual([status, body]);
    expect(answers.filter(([status]) => status === 409).length, JSON.stringify(answers)).toBeGreaterThan(0);
    expect(await answer(await deliver())).toEqual([200, { status: 'duplicate' }]);
    // The work is recorded in the Durable Object itself: done for any store on that object.
    expect(await engine.store('do', ns).claim('transaction:txn_cf_1:successful', { leaseMs: 60_000 })).toEqual({ status: 'done' });

    const [forgedStatus, forged] = await answer(await deliver(payload.replace('5000.00', '50000.00')));
    expect([forgedStatus, forged]).toEqual([401, { error: 'no_matching_signature' }]);
    const [unsignedStatus, unsigned] = await answer(await deliver(payload, {}));
    expect(unsignedStatus).toBe(401);
    expect(unsigned.error).toMatch(/^[a-z_]+$/); // a reason code, no stack, no secret
    expect(JSON.stringify(unsigned)).not.toContain(WORKER_WEBHOOK_SECRET);
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
