/**
 * What every shared webhook store promises (`src/webhooks/store.ts`), checked against a real
 * engine. `makeStore` returns a fresh, empty store (its own prefix, table or object) per test.
 */
import { describe, expect, it } from 'vitest';
import type { WebhookClaim, WebhookInboxStore } from '../../src/webhooks/store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LEASE = { leaseMs: 60_000 };
/**
 * A lease or delay meant to run out during a test: long enough that the calls checking it is
 * still live finish first on a loaded 2-core CI box, and `PAST_SHORT` safely past it.
 */
const SHORT = 600;
const PAST_SHORT = SHORT + 300;
const KEEP = { retainMs: null };

/** Defines the contract tests for one store. */
export function describeStoreContract(name: string, makeStore: () => Promise<WebhookInboxStore>): void {
  // Concurrent: every test has its own fresh store, and most of the time is spent waiting for leases to run out.
  describe.concurrent(`${name}: the claim protocol`, () => {
    it('gives exactly one of 50 concurrent claims of one key the lease; the rest are told it is in progress', async () => {
      const store = await makeStore();
      const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim('transaction:t1:successful', LEASE)));
      const acquired = claims.filter((c) => c.status === 'acquired');
      expect(acquired).toHaveLength(1);
      expect(acquired[0]).toMatchObject({ attempt: 1 });
      for (const c of claims.filter((c) => c.status !== 'acquired')) {
        expect(c.status).toBe('in_progress');
        expect((c as Extract<WebhookClaim, { status: 'in_progress' }>).leaseExpiresAt).toBeGreaterThan(Date.now() + 50_000);
      }
    });

    it('answers done once the holder completed, and forgets nothing with retainMs null', async () => {
      const store = await makeStore();
      const claim = await store.claim('k', LEASE);
      if (claim.status !== 'acquired') throw new Error('expected acquired');
      expect(await store.complete('k', claim.token, KEEP)).toBe(true);
      expect(await store.claim('k', LEASE)).toEqual({ status: 'done' });
      expect(await store.enqueue('k', '{}', KEEP)).toBe('duplicate');
    });

    it('lets the next claim acquire at once after a release, counting the attempt', async () => {
      const store = await makeStore();
      const first = await store.claim('k', LEASE);
      if (first.status !== 'acquired') throw new Error('expected acquired');
      await store.release('k', first.token);
      const second = await store.claim('k', LEASE);
      expect(second).toMatchObject({ status: 'acquired', attempt: 2 });
      // The old token can neither release nor complete the new holder's lease.
      await store.release('k', first.token);
      expect(await store.claim('k', LEASE)).toMatchObject({ status: 'in_progress' });
      expect(await store.complete('k', first.token, KEEP)).toBe(false);
      expect(await store.claim('k', LEASE)).toMatchObject({ status: 'in_progress' });
    });

    it('hands an expired lease to the next claimer, and the first holder then learns it lost it', async () => {
      const store = await makeStore();
      const first = await store.claim('k', { leaseMs: SHORT });
      if (first.status !== 'acquired') throw new Error('expected acquired');
      expect((await store.claim('k', LEASE)).status).toBe('in_progress');
      await sleep(PAST_SHORT);
      const second = await store.claim('k', LEASE);
      expect(second).toMatchObject({ status: 'acquired', attempt: 2 });
      expect(await store.complete('k', first.token, KEEP)).toBe(false);
      if (second.status !== 'acquired') throw new Error('expected acquired');
      expect(await store.complete('k', second.token, KEEP)).toBe(true);
      expect(await store.claim('k', LEASE)).toEqual({ status: 'done' });
    });

    it('forgets a done key after retainMs, so the key can be claimed afresh', async () => {
      const store = await makeStore();
      const claim = await store.claim('k', LEASE);
      if (claim.status !== 'acquired') throw new Error('expected acquired');
      expect(await store.complete('k', claim.token, { retainMs: SHORT })).toBe(true);
      expect(await store.claim('k', LEASE)).toEqual({ status: 'done' });
      await sleep(PAST_SHORT);
      expect(await store.claim('k', LEASE)).toMatchObject({ status: 'acquired', attempt: 1 });
    });

    it('keeps keys apart: a failed status of a transaction does not block its successful one', async () => {
      const store = await makeStore();
      const failed = await store.claim('transaction:t1:failed', LEASE);
      expect(failed.status).toBe('acquired');
      expect((await store.claim('transaction:t1:successful', LEASE)).status).toBe('acquired');
    });
  });

  describe.concurrent(`${name}: the inbox`, () => {
    it('records an event once: the first enqueue wins, every later one is a duplicate', async () => {
      const store = await makeStore();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.enqueue('k', `{"n":${i}}`, KEEP)));
      expect(results.filter((r) => r === 'enqueued')).toHaveLength(1);
      const [leased, ...rest] = await store.lease({ limit: 10, leaseMs: 60_000 });
      expect(rest).toEqual([]);
      expect(leased).toMatchObject({ key: 'k', state: 'pending', attempts: 1 });
      expect(results[JSON.parse(leased!.event).n as number]).toBe('enqueued');
    });

    it('leases each pending record to exactly one of several concurrent workers', async () => {
      const store = await makeStore();
      for (let i = 0; i < 30; i++) await store.enqueue(`k${i}`, `{"i":${i}}`, KEEP);
      const batches = await Promise.all(Array.from({ length: 6 }, () => store.lease({ limit: 10, leaseMs: 60_000 })));
      const keys = batches.flat().map((r) => r.key).sort();
      expect(keys).toEqual(Array.from({ length: 30 }, (_, i) => `k${i}`).sort());
      expect(await store.lease({ limit: 10, leaseMs: 60_000 })).toEqual([]);
      // A leased record is in progress for an inline claimer too.
      expect((await store.claim('k0', LEASE)).status).toBe('in_progress');
    });

    it('does not lease claim-only keys (they have no event to work)', async () => {
      const store = await makeStore();
      const claim = await store.claim('inline', { leaseMs: SHORT });
      expect(claim.status).toBe('acquired');
      await sleep(PAST_SHORT);
      expect(await store.lease({ limit: 10, leaseMs: 60_000 })).toEqual([]);
    });

    it('completes a leased record: it is done and never leased again', async () => {
      const store = await makeStore();
      await store.enqueue('k', '{"a":1}', KEEP);
      const [record] = await store.lease({ limit: 1, leaseMs: 60_000 });
      expect(await store.complete('k', record!.token, KEEP)).toBe(true);
      expect(await store.lease({ limit: 10, leaseMs: 60_000 })).toEqual([]);
      expect(await store.claim('k', LEASE)).toEqual({ status: 'done' });
      expect(await store.enqueue('k', '{"a":1}', KEEP)).toBe('duplicate');
    });

    it('retries a failed record after retryInMs, with the error kept and the attempt counted', async () => {
      const store = await makeStore();
      await store.enqueue('k', '{"a":1}', KEEP);
      const [first] = await store.lease({ limit: 1, leaseMs: 60_000 });
      expect(await store.fail('k', first!.token, { error: 'boom', retryInMs: SHORT, dead: false })).toBe(true);
      expect(await store.fail('k', first!.token, { error: 'again', retryInMs: 0, dead: false })).toBe(false);
      expect(await store.lease({ limit: 1, leaseMs: 60_000 })).toEqual([]);
      await sleep(PAST_SHORT);
      const [second] = await store.lease({ limit: 1, leaseMs: 60_000 });
      expect(second).toMatchObject({ key: 'k', event: '{"a":1}', attempts: 2, lastError: 'boom', state: 'pending' });
      expect(second!.token).not.toBe(first!.token);
    });

    it('takes over a leased record whose lease expired', async () => {
      const store = await makeStore();
      await store.enqueue('k', '{}', KEEP);
      const [first] = await store.lease({ limit: 1, leaseMs: SHORT });
      expect(await store.lease({ limit: 1, leaseMs: 60_000 })).toEqual([]);
      await sleep(PAST_SHORT);
      const [second] = await store.lease({ limit: 1, leaseMs: 60_000 });
      expect(second).toMatchObject({ key: 'k', attempts: 2 });
      expect(await store.complete('k', first!.token, KEEP)).toBe(false);
      expect(await store.complete('k', second!.token, KEEP)).toBe(true);
    });

    it('dead-letters a record, lists dead letters oldest first, and replays one with attempts reset', async () => {
      const store = await makeStore();
      for (const key of ['a', 'b', 'c']) await store.enqueue(key, `{"k":"${key}"}`, KEEP);
      for (const key of ['b', 'a']) {
        const leased = await store.lease({ limit: 3, leaseMs: 60_000 });
        const record = leased.find((r) => r.key === key)!;
        for (const other of leased.filter((r) => r.key !== key)) await store.release(other.key, other.token);
        expect(await store.fail(key, record.token, { error: `${key} is broken`, retryInMs: 0, dead: true })).toBe(true);
        await sleep(20); // distinct dead-letter times (ties order by key)
      }
      const dead = await store.deadLetters();
      expect(dead.map((r) => [r.key, r.state, r.lastError])).toEqual([
        ['b', 'dead', 'b is broken'],
        ['a', 'dead', 'a is broken'],
      ]);
      expect(dead[0]!.event).toBe('{"k":"b"}');
      expect(await store.deadLetters({ limit: 1 })).toHaveLength(1);
      expect((await store.lease({ limit: 10, leaseMs: 60_000 })).map((r) => r.key)).toEqual(['c']);

      expect(await store.replay('b')).toBe(true);
      expect(await store.replay('b')).toBe(false);
      expect(await store.replay('c')).toBe(false);
      expect(await store.replay('nope')).toBe(false);
      expect((await store.deadLetters()).map((r) => r.key)).toEqual(['a']);
      const [replayed] = await store.lease({ limit: 10, leaseMs: 60_000 });
      expect(replayed).toMatchObject({ key: 'b', attempts: 1, event: '{"k":"b"}' });
    });
  });
}
