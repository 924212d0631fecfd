import { describe, expect, it } from 'vitest';
import { KlerConfigurationError } from '../../src/core/errors.js';
import { createMemoryWebhookStore } from '../../src/webhooks/memory-store.js';
import { describeWebhookStore } from './store-conformance.js';

describeWebhookStore('memory', () => createMemoryWebhookStore());

describe('the memory webhook store', () => {
  it('stays bounded: done keys past retention make room, and a full store refuses new keys instead of forgetting live ones', async () => {
    const store = createMemoryWebhookStore({ maxEntries: 2 });
    const a = await store.claim('a', { leaseMs: 60_000 });
    if (a.status !== 'acquired') throw new Error('expected acquired');
    await store.complete('a', a.token, { retainMs: 1 });
    await store.enqueue('b', '{}', { retainMs: null });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await store.claim('c', { leaseMs: 60_000 })).status).toBe('acquired'); // 'a' made room
    expect(store.size).toBe(2);
    const refused = store.claim('d', { leaseMs: 60_000 });
    await expect(refused).rejects.toThrow(KlerConfigurationError);
    await expect(refused).rejects.toThrow(/full \(2 keys.*raise maxEntries/);
    expect(await store.enqueue('b', '{}', { retainMs: null })).toBe('duplicate'); // pending work kept
  });

  it('refuses a maxEntries that is not a whole number of 1 or more', () => {
    expect(() => createMemoryWebhookStore({ maxEntries: 0 })).toThrow(/maxEntries must be a whole number of 1 or more, got 0/);
  });
});
