import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KlerConfigurationError } from '../../src/core/errors.js';
import { createMemoryDedupeStore, signWebhook, verifyWebhook, webhookDedupeKey } from '../../src/webhooks/index.js';
import { webhookTransactionReceived } from '../fixtures/documented.js';
import { WHSEC } from './vectors.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the in-memory dedupe store', () => {
  it('lets exactly one claim of a key through', () => {
    const store = createMemoryDedupeStore();
    expect(store.claim('transaction:txn_01')).toBe(true);
    expect(store.claim('transaction:txn_01')).toBe(false);
    expect(store.claim('transaction:txn_02')).toBe(true);
    expect(store.has('transaction:txn_01')).toBe(true);
  });

  it('lets a key be claimed again after release (processing failed)', () => {
    const store = createMemoryDedupeStore();
    store.claim('k');
    store.release('k');
    expect(store.claim('k')).toBe(true);
  });

  it('forgets claims after ttlMs', () => {
    const store = createMemoryDedupeStore({ ttlMs: 1000 });
    store.claim('k');
    vi.advanceTimersByTime(999);
    expect(store.claim('k')).toBe(false);
    vi.advanceTimersByTime(1);
    expect(store.has('k')).toBe(false);
    expect(store.claim('k')).toBe(true);
  });

  it('keeps at most maxEntries, forgetting the oldest first', () => {
    const store = createMemoryDedupeStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) store.claim(key);
    expect(store.size).toBe(3);
    expect(store.has('a')).toBe(false);
    expect(store.has('d')).toBe(true);
  });

  it('drops expired entries as new ones arrive, so memory follows the live set', () => {
    const store = createMemoryDedupeStore({ ttlMs: 10 });
    for (let i = 0; i < 1000; i++) {
      store.claim(`k${i}`);
      vi.advanceTimersByTime(1);
    }
    expect(store.size).toBeLessThanOrEqual(11);
  });

  it('rejects nonsensical options', () => {
    expect(() => createMemoryDedupeStore({ ttlMs: 0 })).toThrow(KlerConfigurationError);
    expect(() => createMemoryDedupeStore({ maxEntries: 0.5 })).toThrow(KlerConfigurationError);
  });
});

describe('webhookDedupeKey', () => {
  it('is the transaction id for transaction.received, the same across redeliveries', async () => {
    const payload = JSON.stringify(webhookTransactionReceived);
    const keys = [];
    for (const id of ['msg_first', 'msg_redelivery']) {
      const headers = await signWebhook({ payload, secret: WHSEC, id });
      keys.push(webhookDedupeKey(await verifyWebhook({ payload, headers, secret: WHSEC })));
    }
    expect(keys).toEqual(['transaction:txn_01', 'transaction:txn_01']);
  });

  it('is the delivery id for other events', () => {
    expect(webhookDedupeKey({ event: 'session.closed', data: {}, webhook_id: 'msg_9', timestamp: 1 })).toBe('webhook:msg_9');
  });
});
