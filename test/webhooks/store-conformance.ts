/**
 * The conformance suite every `WebhookStore` / `WebhookInboxStore` must pass, engine or memory:
 * what `createWebhookHandler` relies on to lose no work and do none twice. Call it from an
 * engine's test file once the engine runs:
 *
 *   describeWebhookStore('redis (node-redis)', () => createRedisWebhookStore({ client, prefix: uniquePrefix() }));
 *
 * Times are real (engines keep their own clocks, which fake timers cannot move): leases of tens
 * of milliseconds, waits several times longer. Keys carry a random suffix, so tests sharing one
 * store (or one database) never see each other's keys.
 */
import { describe, expect, it } from 'vitest';
import type { WebhookInboxStore, WebhookStore } from '../../src/webhooks/store.js';

/** Options of `describeWebhookStore`. */
export interface StoreConformanceOptions {
  /** Run the inbox cases (`enqueue`, `lease`, `fail`, dead letters, `replay`). @default true */
  inbox?: boolean;
  /** Run the case where a done key is forgotten after `retainMs`. @default true */
  retention?: boolean;
  /** Multiplies every lease and wait, for an engine whose round trips are slow. @default 1 */
  timeScale?: number;
  /**
   * Run the cases concurrently: only when `makeStore` returns a fresh, empty store per case
   * (an inbox case's `lease` would otherwise take another case's records). @default false
   */
  concurrent?: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const unique = (name: string) => `conformance:${name}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const KEEP = { retainMs: 3_600_000 };

/** Registers the conformance cases for one store; `makeStore` is called once per case. */
export function describeWebhookStore(
  name: string,
  makeStore: () => WebhookStore | WebhookInboxStore | Promise<WebhookStore | WebhookInboxStore>,
  options: StoreConformanceOptions = {},
): void {
  const scale = options.timeScale ?? 1;
  const LEASE = 40 * scale; // short enough to expire within a test
  const LONG = 60_000; // a lease that never expires within a test
  const PAST = 160 * scale; // comfortably past LEASE on any engine clock
  const inboxStore = async () => (await makeStore()) as WebhookInboxStore;
  const group = (title: string, cases: () => void, skip = false) =>
    (skip ? describe.skip : options.concurrent ? describe.concurrent : describe)(title, cases);

  group(`${name}: claims`, () => {
    it('gives 50 concurrent claims of one key exactly one lease; the others see it in progress', async () => {
      const store = await makeStore();
      const key = unique('race');
      const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim(key, { leaseMs: LONG })));
      const acquired = claims.filter((c) => c.status === 'acquired');
      expect(acquired).toHaveLength(1);
      expect(acquired[0]).toMatchObject({ attempt: 1 });
      const others = claims.filter((c) => c.status !== 'acquired');
      expect(others).toHaveLength(49);
      for (const other of others) {
        expect(other.status).toBe('in_progress');
        expect(Number.isFinite((other as { leaseExpiresAt: number }).leaseExpiresAt)).toBe(true);
      }
    });

    it('keeps a completed key done: every later claim, also past the lease time, says done', async () => {
      const store = await makeStore();
      const key = unique('done');
      const claim = await store.claim(key, { leaseMs: LEASE });
      if (claim.status !== 'acquired') throw new Error(`expected acquired, got ${claim.status}`);
      expect(await store.complete(key, claim.token, KEEP)).toBe(true);
      expect(await store.claim(key, { leaseMs: LEASE })).toEqual({ status: 'done' });
      await sleep(PAST);
      expect(await store.claim(key, { leaseMs: LEASE })).toEqual({ status: 'done' });
      // A second completion of a done key changes nothing and reports no lease.
      expect(await store.complete(key, claim.token, KEEP)).toBe(false);
    });

    it('hands an expired lease to the next caller, with a higher attempt; the first holder can no longer complete', async () => {
      const store = await makeStore();
      const key = unique('expiry');
      const first = await store.claim(key, { leaseMs: LEASE });
      if (first.status !== 'acquired') throw new Error(`expected acquired, got ${first.status}`);
      expect((await store.claim(key, { leaseMs: LEASE })).status).toBe('in_progress');
      await sleep(PAST);
      const second = await store.claim(key, { leaseMs: LONG });
      if (second.status !== 'acquired') throw new Error(`expected acquired after expiry, got ${second.status}`);
      expect(second.attempt).toBe(2);
      expect(second.token).not.toBe(first.token);
      expect(await store.complete(key, first.token, KEEP)).toBe(false);
      expect((await store.claim(key, { leaseMs: LEASE })).status).toBe('in_progress');
      expect(await store.complete(key, second.token, KEEP)).toBe(true);
      expect(await store.claim(key, { leaseMs: LEASE })).toEqual({ status: 'done' });
    });

    it('refuses to complete with a token that never held the lease, or on a key never claimed', async () => {
      const store = await makeStore();
      const key = unique('token');
      const claim = await store.claim(key, { leaseMs: LONG });
      expect(claim.status).toBe('acquired');
      expect(await store.complete(key, 'not-the-token', KEEP)).toBe(false);
      expect((await store.claim(key, { leaseMs: LONG })).status).toBe('in_progress');
      expect(await store.complete(unique('never'), 'any-token', KEEP)).toBe(false);
    });

    it('lets the next claim acquire at once after a release, counting the attempt; a wrong token releases nothing', async () => {
      const store = await makeStore();
      const key = unique('release');
      const first = await store.claim(key, { leaseMs: LONG });
      if (first.status !== 'acquired') throw new Error(`expected acquired, got ${first.status}`);
      await store.release(key, 'not-the-token');
      expect((await store.claim(key, { leaseMs: LONG })).status).toBe('in_progress');
      await store.release(key, first.token);
      const second = await store.claim(key, { leaseMs: LONG });
      expect(second).toMatchObject({ status: 'acquired', attempt: 2 });
      // The released token is spent: it can neither complete nor release the new lease.
      expect(await store.complete(key, first.token, KEEP)).toBe(false);
      await store.release(key, first.token);
      expect((await store.claim(key, { leaseMs: LONG })).status).toBe('in_progress');
    });

    it('keeps keys apart: a claim on one key does not block another', async () => {
      const store = await makeStore();
      const [a, b] = [unique('a'), unique('b')];
      expect((await store.claim(a, { leaseMs: LONG })).status).toBe('acquired');
      expect((await store.claim(b, { leaseMs: LONG })).status).toBe('acquired');
    });

    it('lets the holder of an expired lease that nobody took over still complete it: the work ran once, so it is recorded once', async () => {
      const store = await makeStore();
      const key = unique('late');
      const claim = await store.claim(key, { leaseMs: LEASE });
      if (claim.status !== 'acquired') throw new Error(`expected acquired, got ${claim.status}`);
      await sleep(PAST);
      expect(await store.complete(key, claim.token, KEEP)).toBe(true);
      expect(await store.claim(key, { leaseMs: LEASE })).toEqual({ status: 'done' });
    });

    it.skipIf(options.retention === false)('forgets a done key once retainMs has passed, and never with retainMs: null', async () => {
      const store = await makeStore();
      const [brief, forever] = [unique('brief'), unique('forever')];
      for (const [key, retainMs] of [
        [brief, LEASE],
        [forever, null],
      ] as const) {
        const claim = await store.claim(key, { leaseMs: LONG });
        if (claim.status !== 'acquired') throw new Error(`expected acquired, got ${claim.status}`);
        expect(await store.complete(key, claim.token, { retainMs })).toBe(true);
      }
      await sleep(PAST);
      expect((await store.claim(brief, { leaseMs: LONG })).status).toBe('acquired');
      expect(await store.claim(forever, { leaseMs: LONG })).toEqual({ status: 'done' });
    });
  });

  group(`${name}: inbox`, () => {
    it('records an event once: the first enqueue wins, every later one (also after the work is done) is a duplicate', async () => {
      const store = await inboxStore();
      const key = unique('enqueue');
      const event = JSON.stringify({ event: 'transaction.received', data: { id: key, narration: 'Tíckét ₦ “quoted” \u0000' } });
      const results = await Promise.all(Array.from({ length: 20 }, () => store.enqueue(key, event, KEEP)));
      expect(results.filter((r) => r === 'enqueued')).toHaveLength(1);
      expect(results.filter((r) => r === 'duplicate')).toHaveLength(19);
      const [record] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      expect(record).toMatchObject({ key, event, attempts: 1, state: 'pending' });
      expect(await store.complete(key, record!.token, KEEP)).toBe(true);
      expect(await store.enqueue(key, event, KEEP)).toBe('duplicate');
      expect(await store.claim(key, { leaseMs: LONG })).toEqual({ status: 'done' });
    });

    it('leases each pending record to exactly one of many concurrent leasers', async () => {
      const store = await inboxStore();
      const keys = Array.from({ length: 20 }, (_, i) => unique(`lease${i}`));
      for (const key of keys) expect(await store.enqueue(key, JSON.stringify({ key }), KEEP)).toBe('enqueued');
      const batches = await Promise.all(Array.from({ length: 10 }, () => store.lease({ limit: 5, leaseMs: LONG })));
      const ours = batches.flat().filter((r) => keys.includes(r.key));
      expect(ours.map((r) => r.key).sort()).toEqual([...keys].sort());
      for (const record of ours) {
        expect(record.attempts).toBe(1);
        expect(JSON.parse(record.event)).toEqual({ key: record.key });
      }
      for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(5);
      // Leased and held: nobody gets them again while the leases live.
      expect((await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => keys.includes(r.key))).toEqual([]);
    });

    it('hands a record whose lease expired to the next leaser; the first holder can neither complete nor fail it', async () => {
      const store = await inboxStore();
      const key = unique('inbox-expiry');
      await store.enqueue(key, '{}', KEEP);
      const [first] = (await store.lease({ limit: 100, leaseMs: LEASE })).filter((r) => r.key === key);
      expect(first).toBeDefined();
      await sleep(PAST);
      const [second] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      expect(second).toMatchObject({ key, attempts: 2 });
      expect(await store.complete(key, first!.token, KEEP)).toBe(false);
      expect(await store.fail(key, first!.token, { error: 'late', retryInMs: 0, dead: false })).toBe(false);
      expect(await store.complete(key, second!.token, KEEP)).toBe(true);
    });

    it('makes a failed record available again only after its retry delay, with the error kept', async () => {
      const store = await inboxStore();
      const key = unique('retry');
      await store.enqueue(key, '{}', KEEP);
      const [first] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      expect(await store.fail(key, first!.token, { error: 'ticket service down', retryInMs: PAST, dead: false })).toBe(true);
      expect((await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key)).toEqual([]);
      await sleep(PAST * 2);
      const [again] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      expect(again).toMatchObject({ key, attempts: 2, state: 'pending', lastError: 'ticket service down' });
    });

    it('dead-letters a record failed with dead: true: never leased again, listed oldest first, duplicates still refused', async () => {
      const store = await inboxStore();
      const keys = [unique('dead1'), unique('dead2')];
      for (const key of keys) {
        await store.enqueue(key, JSON.stringify({ key }), KEEP);
        const [leased] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
        expect(await store.fail(key, leased!.token, { error: `gave up on ${key}`, retryInMs: 0, dead: true })).toBe(true);
        await sleep(5 * scale); // distinct dead-lettering times, for the order
      }
      await sleep(PAST);
      expect((await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => keys.includes(r.key))).toEqual([]);
      expect(await store.enqueue(keys[0]!, '{}', KEEP)).toBe('duplicate');
      const dead = (await store.deadLetters()).filter((r) => keys.includes(r.key));
      expect(dead).toEqual([
        expect.objectContaining({ key: keys[0], state: 'dead', attempts: 1, lastError: `gave up on ${keys[0]}`, event: JSON.stringify({ key: keys[0] }) }),
        expect.objectContaining({ key: keys[1], state: 'dead', attempts: 1, lastError: `gave up on ${keys[1]}` }),
      ]);
      expect((await store.deadLetters({ limit: 1 })).length).toBe(1);
    });

    it('replays a dead letter: pending and available at once, attempts counted afresh; anything not dead is refused', async () => {
      const store = await inboxStore();
      const key = unique('replay');
      await store.enqueue(key, '{"replay":true}', KEEP);
      expect(await store.replay(key)).toBe(false); // pending, not dead
      const [leased] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      await store.fail(key, leased!.token, { error: 'boom', retryInMs: 0, dead: true });
      expect(await store.replay(key)).toBe(true);
      expect((await store.deadLetters()).filter((r) => r.key === key)).toEqual([]);
      const [again] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      expect(again).toMatchObject({ key, attempts: 1, event: '{"replay":true}' });
      expect(await store.complete(key, again!.token, KEEP)).toBe(true);
      expect(await store.replay(key)).toBe(false); // done, not dead
      expect(await store.replay(unique('absent'))).toBe(false);
    });

    it('lets a late holder whose lease nobody took over still fail a record: retried later, not lost', async () => {
      const store = await inboxStore();
      const key = unique('late-fail');
      await store.enqueue(key, '{}', KEEP);
      const [first] = (await store.lease({ limit: 100, leaseMs: LEASE })).filter((r) => r.key === key);
      await sleep(PAST);
      expect(await store.fail(key, first!.token, { error: 'slow and failed', retryInMs: 0, dead: false })).toBe(true);
      const [again] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      expect(again).toMatchObject({ key, attempts: 2, lastError: 'slow and failed' });
    });

    it('hands a dead letter to an inline claim: off the dead letters, and back in the inbox if that claim is released', async () => {
      const store = await inboxStore();
      const key = unique('dead-claim');
      await store.enqueue(key, '{"d":1}', KEEP);
      const [leased] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      await store.fail(key, leased!.token, { error: 'gave up', retryInMs: 0, dead: true });
      const claim = await store.claim(key, { leaseMs: LONG });
      if (claim.status !== 'acquired') throw new Error(`expected acquired, got ${claim.status}`);
      expect(claim.attempt).toBe(2);
      expect((await store.deadLetters()).filter((r) => r.key === key)).toEqual([]);
      expect(await store.replay(key)).toBe(false);
      expect((await store.claim(key, { leaseMs: LONG })).status).toBe('in_progress');
      await store.release(key, claim.token);
      // Released, the recorded event is pending again: the inbox works it, nothing is lost.
      const [again] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      expect(again).toMatchObject({ key, event: '{"d":1}', attempts: 3, state: 'pending' });
      expect(await store.complete(key, again!.token, KEEP)).toBe(true);
      expect(await store.claim(key, { leaseMs: LONG })).toEqual({ status: 'done' });
    });

    it('lets a released inbox record be leased again at once', async () => {
      const store = await inboxStore();
      const key = unique('inbox-release');
      await store.enqueue(key, '{}', KEEP);
      const [first] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      await store.release(key, first!.token);
      const [second] = (await store.lease({ limit: 100, leaseMs: LONG })).filter((r) => r.key === key);
      expect(second).toMatchObject({ key, attempts: 2 });
    });
  }, options.inbox === false);
}
