/**
 * kler.transactions.list: the first page when awaited, every transaction when iterated, and
 * exactly once while the session keeps taking payments (served by MSW from a live fake list).
 */
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { KlerError, KlerInvalidParamsError } from '../../src/core/errors.js';
import { KlerListChangedError } from '../../src/core/offset-iterator.js';
import { KlerTooManyItemsError } from '../../src/core/pagination.js';
import type { TransactionPage } from '../../src/resources/transactions.js';
import type { Transaction } from '../../src/schemas/transaction.js';
import { ok } from '../fixtures/documented.js';
import { BASE_URL, server } from '../msw-server.js';
import { openDoor, sessionParams } from '../testing/doors.js';
import { LiveList, newestFirst } from './live-list.js';

const kler = new KlerClient({ apiKey: 'test_key', baseUrl: BASE_URL, maxRetries: 0 });

async function idsOf(iterable: AsyncIterable<Transaction>): Promise<string[]> {
  const ids: string[] = [];
  for await (const transaction of iterable) ids.push(transaction.id);
  return ids;
}

describe('awaiting transactions.list', () => {
  it('gives the first page, and says a full page may have more after it', async () => {
    const list = new LiveList(newestFirst(5)).install();
    const page = await kler.transactions.list({ session_id: 'sess_live', limit: 2 });
    expect(page.data.map((t) => t.id)).toEqual(['txn_5', 'txn_4']);
    expect(page.has_more).toBe(true);
    expect(page.next_offset).toBe(2);
    expect(list.requests).toEqual([{ session_id: 'sess_live', limit: 2, offset: 0 }]);
  });

  it('walks pages with nextPage() until it returns null', async () => {
    new LiveList(newestFirst(5)).install();
    const seen: string[][] = [];
    let page = await kler.transactions.list({ session_id: 'sess_live', limit: 2 });
    for (;;) {
      seen.push(page.data.map((t) => t.id));
      const next = page.nextPage();
      if (next === null) break;
      page = await next;
    }
    // A short page proves nothing (Kler may serve fewer than asked anywhere): only an empty one ends.
    expect(seen).toEqual([['txn_5', 'txn_4'], ['txn_3', 'txn_2'], ['txn_1'], []]);
    expect(page.has_more).toBe(false);
    expect(page.next_offset).toBeNull();
  });

  it('a short first page may be Kler serving fewer than asked: one more read ends the walk', async () => {
    const list = new LiveList(newestFirst(3)).install();
    const page = await kler.transactions.list({ session_id: 'sess_live', limit: 50 });
    expect(page.data).toHaveLength(3);
    expect(page.has_more).toBe(true);
    const last = await page.nextPage();
    expect(last?.data).toEqual([]);
    expect(last?.has_more).toBe(false);
    expect(last?.nextPage()).toBeNull();
    expect(list.requests.map((r) => r.offset)).toEqual([0, 3]);
  });

  it('manual paging reads every transaction when Kler serves fewer than limit per page', async () => {
    const door = await openDoor('msw', { maxPageSize: 20 });
    const kler = door.client();
    const { session_id } = await kler.sessions.create(sessionParams(1));
    for (let i = 1; i <= 45; i++) await door.mock.simulatePayment(session_id, { amount: `${i}.00`, channel: 'ussd' });
    const ids = new Set<string>();
    for (let page: TransactionPage | null = await kler.transactions.list({ session_id, limit: 50 }); page; page = await page.nextPage()) {
      for (const transaction of page.data) ids.add(transaction.id);
    }
    expect(ids.size).toBe(45);
  });

  it("sends Kler's default limit of 50 and offset 0 when none are given, and the given ones otherwise", async () => {
    const list = new LiveList(newestFirst(3)).install();
    await kler.transactions.list({ session_id: 'sess_live' });
    await kler.transactions.list({ session_id: 'sess_live', limit: 100, offset: 40 });
    expect(list.requests).toEqual([
      { session_id: 'sess_live', limit: 50, offset: 0 },
      { session_id: 'sess_live', limit: 100, offset: 40 },
    ]);
  });

  it('sends nothing until the list is awaited or iterated', async () => {
    const list = new LiveList(newestFirst(3)).install();
    const pending = kler.transactions.list({ session_id: 'sess_live' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(list.requests).toHaveLength(0);
    await pending;
    expect(list.requests).toHaveLength(1);
  });
});

describe('iterating transactions.list with for await', () => {
  it('yields every transaction newest first across page boundaries', async () => {
    new LiveList(newestFirst(7)).install();
    const ids = await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 3 }));
    expect(ids).toEqual(['txn_7', 'txn_6', 'txn_5', 'txn_4', 'txn_3', 'txn_2', 'txn_1']);
  });

  it('re-reads the last transaction of each page to measure how far the list moved', async () => {
    const list = new LiveList(newestFirst(7)).install();
    await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 3 }));
    expect(list.requests.map((r) => [r.offset, r.limit])).toEqual([
      [0, 3], // txn_7 txn_6 txn_5
      [2, 3], // txn_5 txn_4 txn_3
      [4, 3], // txn_3 txn_2 txn_1
      [6, 3], // txn_1: a short page, which proves nothing
      [7, 3], // nothing past it: the end
    ]);
  });

  it('stops on the page with nothing new when the count is an exact multiple of limit', async () => {
    const list = new LiveList(newestFirst(6)).install();
    const ids = await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 3 }));
    expect(ids).toEqual(['txn_6', 'txn_5', 'txn_4', 'txn_3', 'txn_2', 'txn_1']);
    // [0,3) full, [2,5) full, [4,7) = txn_2 txn_1: short, then nothing past it: the end.
    expect(list.requests.map((r) => r.offset)).toEqual([0, 2, 4, 6]);
  });

  it('yields nothing for a session without transactions, after one request', async () => {
    const list = new LiveList([]).install();
    expect(await idsOf(kler.transactions.list({ session_id: 'sess_live' }))).toEqual([]);
    expect(list.requests).toHaveLength(1);
  });

  it('works with limit 1', async () => {
    new LiveList(newestFirst(3)).install();
    expect(await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 1 }))).toEqual(['txn_3', 'txn_2', 'txn_1']);
  });

  it('starts at the given offset', async () => {
    new LiveList(newestFirst(5)).install();
    expect(await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 2, offset: 2 }))).toEqual([
      'txn_3',
      'txn_2',
      'txn_1',
    ]);
  });

  it('stops fetching when the loop breaks', async () => {
    const list = new LiveList(newestFirst(10)).install();
    for await (const transaction of kler.transactions.list({ session_id: 'sess_live', limit: 2 })) {
      if (transaction.id === 'txn_9') break;
    }
    expect(list.requests).toHaveLength(1);
  });

  it('shares the first page between await and for await', async () => {
    const list = new LiveList(newestFirst(3)).install();
    const transactions = kler.transactions.list({ session_id: 'sess_live', limit: 5 });
    const page = await transactions;
    expect(page.data).toHaveLength(3);
    expect(await idsOf(transactions)).toEqual(['txn_3', 'txn_2', 'txn_1']);
    // One request for the shared first page, then one to confirm nothing follows its short page.
    expect(list.requests.map((r) => r.offset)).toEqual([0, 3]);
  });

  it('yields an id the server repeats only once', async () => {
    const list = new LiveList(['txn_3', 'txn_2', 'txn_2', 'txn_1']).install();
    expect(await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 2 }))).toEqual(['txn_3', 'txn_2', 'txn_1']);
    expect(list.requests.length).toBeGreaterThan(1);
  });
});

describe('iterating while payments keep arriving at the front', () => {
  it('yields each transaction once when one arrives before every page fetch', async () => {
    const list = new LiveList(newestFirst(7)).install();
    list.beforeEachRequest = (index, l) => {
      if (index > 0) l.arrive(1);
    };
    const ids = await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 3 }));
    expect(ids).toEqual(['txn_7', 'txn_6', 'txn_5', 'txn_4', 'txn_3', 'txn_2', 'txn_1']);
  });

  it('yields each transaction once when more than a page arrives between two fetches', async () => {
    const list = new LiveList(newestFirst(9)).install();
    list.beforeEachRequest = (index, l) => {
      if (index === 1) l.arrive(8); // the last transaction handled moves past the next page
    };
    const ids = await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 3 }));
    expect(ids).toEqual(['txn_9', 'txn_8', 'txn_7', 'txn_6', 'txn_5', 'txn_4', 'txn_3', 'txn_2', 'txn_1']);
  });

  it('yields the transactions that existed when it began, each once, for any arrival pattern', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 30 }),
        fc.option(fc.integer({ min: 2, max: 6 }), { nil: undefined }),
        async (count, limit, arrivals, cap) => {
          server.resetHandlers();
          const list = new LiveList(newestFirst(count)).install();
          list.cap = cap ?? Infinity; // sometimes Kler serves fewer than asked
          list.beforeEachRequest = (index, l) => {
            if (index > 0) l.arrive(arrivals[index - 1] ?? 0);
          };
          const ids = await idsOf(kler.transactions.list({ session_id: 'sess_live', limit }));
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.filter((id) => id.startsWith('txn_'))).toEqual(newestFirst(count));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('when Kler serves fewer transactions than asked', () => {
  it('still yields them all, reading on from just past each short page', async () => {
    const list = new LiveList(newestFirst(7)).install();
    list.cap = 3;
    const ids = await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 10 }));
    expect(ids).toEqual(['txn_7', 'txn_6', 'txn_5', 'txn_4', 'txn_3', 'txn_2', 'txn_1']);
    expect(list.requests.map((r) => r.offset)).toEqual([0, 3, 6, 7]);
  });

  it('ends a list shorter than one page after one more request', async () => {
    const list = new LiveList(newestFirst(3)).install();
    expect(await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 10 }))).toEqual(['txn_3', 'txn_2', 'txn_1']);
    expect(list.requests.map((r) => r.offset)).toEqual([0, 3]);
  });
});

describe('when a transaction disappears from the list', () => {
  it('throws KlerListChangedError instead of skipping or repeating transactions', async () => {
    const list = new LiveList(newestFirst(6)).install();
    list.beforeEachRequest = (index, l) => {
      if (index === 1) l.items = l.items.filter((t) => t.id !== 'txn_4'); // the last one handled
    };
    const seen: string[] = [];
    const error = await (async () => {
      for await (const t of kler.transactions.list({ session_id: 'sess_live', limit: 3 })) seen.push(t.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['txn_6', 'txn_5', 'txn_4']);
    expect(KlerListChangedError.is(error)).toBe(true);
    expect((error as KlerListChangedError).anchorId).toBe('txn_4');
    expect((error as Error).message).toContain('Start again.');
  });
});

describe('toArray({ max })', () => {
  it('collects every transaction when there are at most max', async () => {
    new LiveList(newestFirst(4)).install();
    const all = await kler.transactions.list({ session_id: 'sess_live', limit: 2 }).toArray({ max: 4 });
    expect(all.map((t) => t.id)).toEqual(['txn_4', 'txn_3', 'txn_2', 'txn_1']);
  });

  it('throws KlerTooManyItemsError rather than truncating when there are more', async () => {
    new LiveList(newestFirst(5)).install();
    const error = await kler.transactions
      .list({ session_id: 'sess_live', limit: 2 })
      .toArray({ max: 4 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerTooManyItemsError);
    expect(KlerError.is(error)).toBe(true);
    expect((error as KlerTooManyItemsError).max).toBe(4);
    expect((error as Error).message).toContain('more than 4');
    expect((error as Error).message).toContain('sess_live');
  });

  it.each([[undefined], [0], [-1], [2.5], [Number.NaN], ['10']])('refuses max %s before sending anything', async (max) => {
    const list = new LiveList(newestFirst(2)).install();
    const error = await kler.transactions
      .list({ session_id: 'sess_live' })
      .toArray({ max } as { max: number })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInvalidParamsError);
    expect((error as KlerInvalidParamsError).field).toBe('max');
    expect(list.requests).toHaveLength(0);
  });
});

describe('invalid list params', () => {
  it.each([
    [{ session_id: '' }, 'session_id'],
    [{ session_id: '   ' }, 'session_id'],
    [{}, 'session_id'],
    [{ session_id: 's', limit: 0 }, 'limit'],
    [{ session_id: 's', limit: 101 }, 'limit'],
    [{ session_id: 's', limit: 2.5 }, 'limit'],
    [{ session_id: 's', limit: '10' }, 'limit'],
    [{ session_id: 's', offset: -1 }, 'offset'],
    [{ session_id: 's', offset: 1.5 }, 'offset'],
  ])('%j rejects with KlerInvalidParamsError on %s, and sends nothing', async (params, field) => {
    const list = new LiveList(newestFirst(2)).install();
    const call = () => kler.transactions.list(params as { session_id: string });
    const awaited = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(awaited).toBeInstanceOf(KlerInvalidParamsError);
    expect((awaited as KlerInvalidParamsError).field).toBe(field);
    await expect(idsOf(call())).rejects.toBeInstanceOf(KlerInvalidParamsError);
    expect(list.requests).toHaveLength(0);
  });
});

describe('transactions.retrieve', () => {
  it('fetches one transaction by its encoded id', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${BASE_URL}/transactions/:id`, ({ request, params }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json(
          ok({ id: params.id, session_id: 's', amount: '5000.00', currency: 'NGN', channel: 'pos', status: 'pending' }),
        );
      }),
    );
    const transaction = await kler.transactions.retrieve('txn/1?x');
    expect(transaction.status).toBe('pending');
    expect(transaction.amount).toBe('5000.00');
    expect(paths).toEqual(['/v1/transactions/txn%2F1%3Fx']);
  });

  it('rejects an empty id without sending anything', async () => {
    await expect(kler.transactions.retrieve('')).rejects.toBeInstanceOf(KlerInvalidParamsError);
  });
});
