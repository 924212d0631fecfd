/**
 * `for await` with `{ concurrency }` on a closed session: pages fetched several at a time, rows
 * still in order and each once, never more than `concurrency` requests in flight, a clean stop
 * on break, and a refusal on a session that is still open.
 */
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { KlerConfigurationError, KlerInvalidParamsError } from '../../src/core/errors.js';
import { ok } from '../fixtures/documented.js';
import { BASE_URL, server } from '../msw-server.js';
import { newestFirst, txn } from './live-list.js';

const kler = new KlerClient({ apiKey: 'test_key', baseUrl: BASE_URL, maxRetries: 0 });

/** A session with `count` transactions, `status`, a page cap, and a record of what was asked. */
function serve(count: number, { status = 'closed', cap = Infinity, latency = 5 } = {}) {
  const rows = newestFirst(count).map((id) => txn(id));
  const state = { inFlight: 0, maxInFlight: 0, pages: [] as number[] };
  server.use(
    http.get(`${BASE_URL}/sessions/:id`, ({ params }) => HttpResponse.json(ok({ session_id: params['id'], status }))),
    http.get(`${BASE_URL}/transactions`, async ({ request }) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      state.pages.push(offset);
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        await delay(latency);
      } finally {
        state.inFlight--;
      }
      return HttpResponse.json(ok(rows.slice(offset, offset + Math.min(limit, cap))));
    }),
  );
  return state;
}

async function ids(iterable: AsyncIterable<{ id: string }>, stopAt?: string): Promise<string[]> {
  const out: string[] = [];
  for await (const row of iterable) {
    out.push(row.id);
    if (row.id === stopAt) break;
  }
  return out;
}

describe('parallel pages on a closed session', () => {
  it('yields the same rows in the same order as sequential reads, with up to concurrency requests at once', async () => {
    const state = serve(1_000);
    const got = await ids(kler.transactions.list({ session_id: 'sess_1', limit: 50 }, { concurrency: 8 }));
    expect(got).toEqual(newestFirst(1_000));
    expect(state.maxInFlight).toBeGreaterThan(1);
    expect(state.maxInFlight).toBeLessThanOrEqual(8);
  });

  it('reads every row when the server serves fewer than limit per page', async () => {
    serve(333, { cap: 7 });
    expect(await ids(kler.transactions.list({ session_id: 'sess_1', limit: 50 }, { concurrency: 4 }))).toEqual(newestFirst(333));
  });

  it('stops on break: no page is asked for after the loop ends', async () => {
    const state = serve(1_000, { latency: 20 });
    const got = await ids(kler.transactions.list({ session_id: 'sess_1', limit: 10 }, { concurrency: 4 }), 'txn_985');
    expect(got).toHaveLength(16);
    const asked = state.pages.length;
    await delay(100);
    expect(state.pages.length).toBe(asked);
    expect(asked).toBeLessThanOrEqual(1 + 4 + 1);
  });

  it('refuses a session that is not closed, before reading any transaction', async () => {
    const state = serve(10, { status: 'active' });
    const error = await ids(kler.transactions.list({ session_id: 'sess_1' }, { concurrency: 4 })).catch((e: unknown) => e);
    expect(KlerConfigurationError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/closed session/);
    expect((error as Error).message).toContain('"active"');
    expect(state.pages).toEqual([]);
  });

  it.each([0, 17, 1.5, Number.NaN])('refuses concurrency %s without sending anything', async (concurrency) => {
    const state = serve(10);
    const error = await ids(kler.transactions.list({ session_id: 'sess_1' }, { concurrency })).catch((e: unknown) => e);
    expect(KlerInvalidParamsError.is(error)).toBe(true);
    expect((error as KlerInvalidParamsError).field).toBe('options.concurrency');
    expect(state.pages).toEqual([]);
  });

  it('leaves awaiting the first page alone: one request, no session check', async () => {
    const state = serve(100);
    const page = await kler.transactions.list({ session_id: 'sess_1', limit: 20 }, { concurrency: 8 });
    expect(page.data).toHaveLength(20);
    expect(state.pages).toEqual([0]);
  });
});

describe('reconciliation.audit with concurrency', () => {
  it('audits a closed session reading its pages in parallel, with the same result as sequential reads', async () => {
    const rows = newestFirst(240).map((id) => txn(id, { amount: '10.00' }));
    let maxInFlight = 0;
    let inFlight = 0;
    server.use(
      http.get(`${BASE_URL}/sessions/:id`, () => HttpResponse.json(ok({ session_id: 'sess_live', status: 'closed' }))),
      http.get(`${BASE_URL}/reconciliation/:id`, () =>
        HttpResponse.json(
          ok({
            session_id: 'sess_live',
            total_inflow: '2400.00',
            transaction_count: 240,
            successful_count: 240,
            pending_count: 0,
            failed_count: 0,
            by_channel: { bank_transfer: { count: 240, total: '2400.00' } },
            reconciled_at: '2025-08-02T00:00:00.000Z',
          }),
        ),
      ),
      http.get(`${BASE_URL}/transactions`, async ({ request }) => {
        const url = new URL(request.url);
        const offset = Number(url.searchParams.get('offset'));
        const limit = Number(url.searchParams.get('limit'));
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await delay(5);
        inFlight--;
        return HttpResponse.json(ok(rows.slice(offset, offset + limit)));
      }),
    );
    const parallel = await kler.reconciliation.audit('sess_live', { limit: 20 }, { concurrency: 4 });
    const sequential = await kler.reconciliation.audit('sess_live', { limit: 20 });
    expect(parallel.consistent).toBe(true);
    expect(parallel).toEqual(sequential);
    expect(maxInFlight).toBeGreaterThan(1);
  });
});
