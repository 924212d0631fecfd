/**
 * `kler webhooks dead-letters|replay` against a store named by a module: here the memory store
 * this test holds, reached over loopback by `bench/webhook-scale/rpc-store.ts` (any module
 * exporting `createStore()` will do: the user's Redis or PostgreSQL store).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStore } from '../../bench/webhook-scale/rpc-store.ts';
import { createMemoryWebhookStore } from '../../src/webhooks/memory-store.js';
import { kler } from './run.js';

const store = createMemoryWebhookStore();
let served: Awaited<ReturnType<typeof serveStore>>;
const KEY = 'transaction:txn_01:successful';

beforeAll(async () => {
  served = await serveStore(store);
  await store.enqueue(KEY, JSON.stringify({ event: 'transaction.received', data: { id: 'txn_01' } }), { retainMs: null });
  const [record] = await store.lease({ limit: 1, leaseMs: 60_000 });
  await store.fail(KEY, record!.token, { error: 'Error: ticket service down', retryInMs: 0, dead: true });
});
afterAll(() => served?.close());

const run = (args: string[]) => kler(['webhooks', ...args, '--store', 'bench/webhook-scale/rpc-store.ts'], { KLER_SCALE_RPC_URL: served.url });

describe('kler webhooks', () => {
  it('lists the dead letters, then replays one; replaying it again exits 1 and says why', async () => {
    const listed = await run(['dead-letters']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/Key\s+Event\s+Transaction\s+Attempts\s+Last error/);
    expect(listed.stdout).toMatch(/transaction:txn_01:successful\s+transaction\.received\s+txn_01\s+1\s+Error: ticket service down/);

    expect(await run(['replay', KEY])).toMatchObject({ code: 0, stdout: `Replayed ${KEY}: the next drain() or worker() runs it.\n` });
    expect(await store.deadLetters()).toEqual([]);
    expect((await run(['dead-letters', '--format', 'json'])).stdout).toBe('[]\n');
    const again = await run(['replay', KEY]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not a dead letter');
  });

  it('says what --store must be when the module is missing or exports no createStore()', async () => {
    const missing = await kler(['webhooks', 'dead-letters']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--store is required');
    const wrong = await kler(['webhooks', 'dead-letters', '--store', 'package.json']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/could not be loaded|must export createStore\(\)/);
  });
});
