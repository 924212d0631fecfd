/**
 * `for await` over transactions.list against servers that page wrongly: caps below `limit`,
 * short pages in the middle of the list, and servers that ignore or clamp `offset`. Iteration
 * must read every row exactly once, or stop with a typed error after a bounded number of requests.
 */
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { KlerPaginationError } from '../../src/core/offset-iterator.js';
import { ok } from '../fixtures/documented.js';
import { BASE_URL, server } from '../msw-server.js';
import { LiveList, newestFirst, txn } from './live-list.js';

const kler = new KlerClient({ apiKey: 'test_key', baseUrl: BASE_URL, maxRetries: 0 });

async function idsOf(iterable: AsyncIterable<{ id: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of iterable) ids.push(item.id);
  return ids;
}

/** Serves `rows` with a page size chosen per request by `pageSize(requestIndex, limit)`. */
function serveWithPageSizes(rows: string[], pageSize: (index: number, limit: number) => number): { requests: number } {
  const state = { requests: 0 };
  const items = rows.map((id) => txn(id));
  server.use(
    http.get(`${BASE_URL}/transactions`, ({ request }) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const size = pageSize(state.requests++, limit);
      return HttpResponse.json(ok(items.slice(offset, offset + size)));
    }),
  );
  return state;
}

describe('a server whose page cap is below limit', () => {
  for (const cap of [1, 7, 49]) {
    it(`reads all 300 rows, each once, with a cap of ${cap} and limit 50, in about 300 / cap requests`, async () => {
      const list = new LiveList(newestFirst(300)).install();
      list.cap = cap;
      const ids = await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 50 }));
      expect(ids).toEqual(newestFirst(300));
      // After a short page the next read starts just past it, so every request brings `cap` new rows.
      expect(list.requests.length).toBeLessThanOrEqual(Math.ceil(300 / cap) + 3);
    });
  }

  it('reads every row when page sizes vary, a short page in the middle included', async () => {
    const sizes = [50, 50, 3, 50, 1, 50, 20, 50, 50, 50];
    const state = serveWithPageSizes(newestFirst(300), (index, limit) => Math.min(limit, sizes[index % sizes.length]!));
    expect(await idsOf(kler.transactions.list({ session_id: 'sess_live', limit: 50 }))).toEqual(newestFirst(300));
    expect(state.requests).toBeLessThanOrEqual(300 + 3);
  });

  it('reads every row, each once, for any pattern of page sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 20 }),
        async (count, limit, sizes) => {
          server.resetHandlers();
          const state = serveWithPageSizes(newestFirst(count), (index, asked) => Math.min(asked, sizes[index % sizes.length]!));
          expect(await idsOf(kler.transactions.list({ session_id: 'sess_live', limit }))).toEqual(newestFirst(count));
          // One request per row at worst (pages of one), plus re-reads where page sizes alternate.
          expect(state.requests).toBeLessThanOrEqual(2 * count + 3);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('reads every row that existed at the start, each once, for any page cap and arrivals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 40 }),
        async (count, limit, cap, arrivals) => {
          server.resetHandlers();
          const list = new LiveList(newestFirst(count));
          const items = () => list.items;
          let index = 0;
          server.use(
            http.get(`${BASE_URL}/transactions`, ({ request }) => {
              const url = new URL(request.url);
              const offset = Number(url.searchParams.get('offset'));
              const asked = Number(url.searchParams.get('limit'));
              if (index > 0) list.arrive(arrivals[index - 1] ?? 0);
              const size = Math.min(asked, cap);
              index++;
              return HttpResponse.json(ok(items().slice(offset, offset + size)));
            }),
          );
          const ids = await idsOf(kler.transactions.list({ session_id: 'sess_live', limit }));
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.filter((id) => id.startsWith('txn_'))).toEqual(newestFirst(count));
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);
});

describe('a server that ignores or clamps offset', () => {
  async function failure(iterable: AsyncIterable<{ id: string }>): Promise<{ error: unknown; ids: string[] }> {
    const ids: string[] = [];
    try {
      for await (const item of iterable) ids.push(item.id);
    } catch (error) {
      return { error, ids };
    }
    return { error: undefined, ids };
  }

  it('always answering page one: KlerPaginationError after a handful of requests, not an endless loop', async () => {
    const rows = newestFirst(300).map((id) => txn(id));
    let requests = 0;
    server.use(
      http.get(`${BASE_URL}/transactions`, () => {
        requests++;
        return HttpResponse.json(ok(rows.slice(0, 50)));
      }),
    );
    const { error, ids } = await failure(kler.transactions.list({ session_id: 'sess_live', limit: 50 }));
    expect(KlerPaginationError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/offset/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(requests).toBeLessThanOrEqual(50 / 49 + 5);
  });

  it('always answering the last page: KlerPaginationError after a handful of requests', async () => {
    const rows = newestFirst(300).map((id) => txn(id));
    let requests = 0;
    server.use(
      http.get(`${BASE_URL}/transactions`, ({ request }) => {
        requests++;
        const limit = Number(new URL(request.url).searchParams.get('limit'));
        return HttpResponse.json(ok(rows.slice(300 - limit)));
      }),
    );
    const { error } = await failure(kler.transactions.list({ session_id: 'sess_live', limit: 50 }));
    expect(KlerPaginationError.is(error)).toBe(true);
    expect(requests).toBeLessThanOrEqual(6);
  });

  it('clamping an offset past the end to the last page: ends or errors, never loops', async () => {
    const rows = newestFirst(120).map((id) => txn(id));
    let requests = 0;
    server.use(
      http.get(`${BASE_URL}/transactions`, ({ request }) => {
        requests++;
        const url = new URL(request.url);
        const limit = Number(url.searchParams.get('limit'));
        const offset = Math.min(Number(url.searchParams.get('offset')), rows.length - limit);
        return HttpResponse.json(ok(rows.slice(offset, offset + limit)));
      }),
    );
    const { error, ids } = await failure(kler.transactions.list({ session_id: 'sess_live', limit: 50 }));
    expect(new Set(ids).size).toBe(ids.length);
    if (error !== undefined) expect(KlerPaginationError.is(error)).toBe(true);
    else expect(ids).toEqual(newestFirst(120));
    expect(requests).toBeLessThanOrEqual(Math.ceil(120 / 49) + 5);
  });

  it('with a page cap of 1 and offset ignored: KlerPaginationError after a handful of requests', async () => {
    const rows = newestFirst(300).map((id) => txn(id));
    let requests = 0;
    server.use(
      http.get(`${BASE_URL}/transactions`, () => {
        requests++;
        return HttpResponse.json(ok(rows.slice(0, 1)));
      }),
    );
    const { error } = await failure(kler.transactions.list({ session_id: 'sess_live', limit: 50 }));
    expect(KlerPaginationError.is(error)).toBe(true);
    expect(requests).toBeLessThanOrEqual(6);
  });

  it('the error says which list, how many requests were sent and what to do', async () => {
    const rows = newestFirst(10).map((id) => txn(id));
    server.use(http.get(`${BASE_URL}/transactions`, () => HttpResponse.json(ok(rows.slice(0, 5)))));
    const { error } = await failure(kler.transactions.list({ session_id: 'sess_live', limit: 5 }));
    expect(KlerPaginationError.is(error)).toBe(true);
    const e = error as KlerPaginationError;
    expect(e.message).toContain('transactions.list({ session_id: "sess_live" })');
    expect(e.requests).toBeGreaterThan(1);
    expect(e.message).toMatch(/requests/);
  });
});

describe('a manual nextPage() loop against a server that ignores or clamps offset', () => {
  /** Pages by hand, as the README's manual loop does, until `null` or an error (at most 100 pages). */
  async function pageByHand(limit: number, between?: () => void): Promise<{ error: unknown; pages: number }> {
    let pages = 0;
    try {
      for (let page: Awaited<ReturnType<typeof kler.transactions.list>> | null = await kler.transactions.list({ session_id: 'sess_live', limit }); page; page = await page.nextPage()) {
        if (++pages > 100) throw new Error('the manual loop did not end');
        between?.();
      }
    } catch (error) {
      return { error, pages };
    }
    return { error: undefined, pages };
  }

  it('always answering page one: KlerPaginationError on the second page, after one probe', async () => {
    const rows = newestFirst(300).map((id) => txn(id));
    const asked: number[] = [];
    server.use(
      http.get(`${BASE_URL}/transactions`, ({ request }) => {
        asked.push(Number(new URL(request.url).searchParams.get('offset')));
        return HttpResponse.json(ok(rows.slice(0, 50)));
      }),
    );
    const { error, pages } = await pageByHand(50);
    expect(KlerPaginationError.is(error)).toBe(true);
    expect((error as KlerPaginationError).message).toMatch(/transactions\.list\(\{ session_id: "sess_live" \}\).*offset 50 holds only rows of the page before it.*ignores or clamps offset/);
    expect(pages).toBe(1);
    expect(asked).toEqual([0, 50, 1_000_000_000]);
    expect((error as KlerPaginationError).requests).toBe(3);
  });

  it('clamping an offset past the end to the last page: KlerPaginationError, not an endless loop', async () => {
    const rows = newestFirst(120).map((id) => txn(id));
    server.use(
      http.get(`${BASE_URL}/transactions`, ({ request }) => {
        const url = new URL(request.url);
        const limit = Number(url.searchParams.get('limit'));
        const offset = Math.min(Number(url.searchParams.get('offset')), rows.length - limit);
        return HttpResponse.json(ok(rows.slice(offset, offset + limit)));
      }),
    );
    const { error, pages } = await pageByHand(40);
    expect(KlerPaginationError.is(error)).toBe(true);
    expect(pages).toBe(3);
  });

  it('an honest server where a whole page arrives between requests: the loop goes on and ends at the empty page', async () => {
    const list = new LiveList(newestFirst(100)).install();
    let arrivals = 0;
    // Exactly `limit` payments before each of the first five nextPage() calls: each page then
    // repeats the one before, which the probe (answered [] by an honest server) lets through.
    const { error, pages } = await pageByHand(20, () => {
      if (arrivals++ < 5) list.arrive(20);
    });
    expect(error).toBeUndefined();
    expect(pages).toBeGreaterThan(5);
  });
});
