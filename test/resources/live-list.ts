import { http, HttpResponse } from 'msw';
import { BASE_URL, server } from '../msw-server.js';
import { ok } from '../fixtures/documented.js';

/** A transaction as the fake list serves it; only what the tests look at varies. */
export interface FakeTransaction {
  id: string;
  session_id: string;
  amount: string;
  currency: 'NGN';
  channel: string;
  status: string;
  created_at: string;
  terminal_id?: string;
}

export function txn(id: string, overrides: Partial<FakeTransaction> = {}): FakeTransaction {
  return {
    id,
    session_id: 'sess_live',
    amount: '1000.00',
    currency: 'NGN',
    channel: 'bank_transfer',
    status: 'successful',
    created_at: '2025-08-01T18:00:00.000Z',
    ...overrides,
  };
}

/** Ids `prefix1` … `prefixN`, the highest number first (newest first, as Kler lists). */
export function newestFirst(count: number, prefix = 'txn_'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${count - i}`);
}

/**
 * A session's transaction list that behaves like Kler's: newest first, offset paged, and
 * growing at the front while it is read. `beforeEachRequest` runs before each page is served,
 * so a test can add payments between page fetches; `cap` makes the server silently serve fewer
 * than asked.
 */
export class LiveList {
  /** Newest first. */
  items: FakeTransaction[];
  readonly requests: { offset: number; limit: number; session_id: string | null }[] = [];
  beforeEachRequest: (requestIndex: number, list: LiveList) => void = () => {};
  cap = Infinity;
  #next = 0;

  constructor(ids: string[], readonly sessionId = 'sess_live') {
    this.items = ids.map((id) => txn(id, { session_id: sessionId }));
  }

  /** Adds `count` new payments at the front, ids `new_1`, `new_2`, … */
  arrive(count: number): void {
    const fresh: FakeTransaction[] = [];
    for (let i = 0; i < count; i++) fresh.unshift(txn(`new_${++this.#next}`, { session_id: this.sessionId }));
    this.items = [...fresh, ...this.items];
  }

  /** Serves `GET /transactions` for this list from MSW. */
  install(): this {
    server.use(
      http.get(`${BASE_URL}/transactions`, ({ request }) => {
        const url = new URL(request.url);
        const offset = Number(url.searchParams.get('offset'));
        const limit = Number(url.searchParams.get('limit'));
        this.requests.push({ offset, limit, session_id: url.searchParams.get('session_id') });
        this.beforeEachRequest(this.requests.length - 1, this);
        return HttpResponse.json(ok(this.items.slice(offset, offset + Math.min(limit, this.cap))));
      }),
    );
    return this;
  }
}
