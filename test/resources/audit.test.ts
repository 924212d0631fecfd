/**
 * kler.reconciliation.audit: Kler's summary recomputed from its own transactions, exactly, and a
 * platform's credits compared with them. Every expected figure below is worked out by hand.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { KlerInvalidParamsError } from '../../src/core/errors.js';
import { KlerInvalidAmountError } from '../../src/core/money.js';
import { auditReconciliation } from '../../src/resources/reconciliation-audit.js';
import type { Reconciliation } from '../../src/schemas/reconciliation.js';
import type { Transaction } from '../../src/schemas/transaction.js';
import { ok, reconciliation as documentedSummary } from '../fixtures/documented.js';
import { BASE_URL, server } from '../msw-server.js';
import { LiveList, txn, type FakeTransaction } from './live-list.js';

const kler = new KlerClient({ apiKey: 'test_key', baseUrl: BASE_URL, maxRetries: 0 });
const SESSION = '3f1e2d9a8b7c';

/** Serves a session's summary and transaction list; records the order of requests. */
function serve(summary: unknown, transactions: FakeTransaction[]) {
  const calls: string[] = [];
  server.use(
    http.get(`${BASE_URL}/reconciliation/:id`, () => {
      calls.push('reconciliation');
      return HttpResponse.json(ok(summary));
    }),
  );
  const list = new LiveList([], SESSION);
  list.items = transactions;
  list.beforeEachRequest = () => calls.push('transactions');
  list.install();
  return { calls, list };
}

/**
 * Transactions matching the summary in Kler's docs: 30 transfers of 5000.00 (150000.00); 17 POS
 * payments, 8 × 5000.00 on terminal 001 (40000.00) and 5 × 5000.00 + 4 × 7500.00 on terminal 002
 * (55000.00); one pending transfer and one failed POS payment. 47 + 1 + 1 = 49.
 */
function documentedTransactions(withTerminals: boolean): FakeTransaction[] {
  const list: FakeTransaction[] = [];
  const add = (id: string, over: Partial<FakeTransaction>) => list.push(txn(id, { session_id: SESSION, ...over }));
  for (let i = 1; i <= 30; i++) add(`txn_bt_${i}`, { amount: '5000.00' });
  const terminal = (t: string) => (withTerminals ? { terminal_id: t } : {});
  for (let i = 1; i <= 8; i++) add(`txn_pos1_${i}`, { channel: 'pos', amount: '5000.00', ...terminal('pos_3f1e2d_001') });
  for (let i = 1; i <= 5; i++) add(`txn_pos2_${i}`, { channel: 'pos', amount: '5000.00', ...terminal('pos_3f1e2d_002') });
  for (let i = 6; i <= 9; i++) add(`txn_pos2_${i}`, { channel: 'pos', amount: '7500.00', ...terminal('pos_3f1e2d_002') });
  add('txn_pending', { status: 'pending', amount: '2000.00' });
  add('txn_failed', { status: 'failed', channel: 'pos', amount: '3000.00', ...terminal('pos_3f1e2d_001') });
  return list;
}

describe('auditing a session whose summary agrees with its transactions', () => {
  it('reports consistent, with the recomputed figures, and says by_terminal cannot be checked without terminal ids', async () => {
    serve(documentedSummary, documentedTransactions(false));
    const report = await kler.reconciliation.audit(SESSION);
    expect(report.consistent).toBe(true);
    expect(report.differences).toEqual([]);
    expect(report.computed).toEqual({
      total_inflow: '245000.00',
      transaction_count: 49,
      successful_count: 47,
      pending_count: 1,
      failed_count: 1,
      by_channel: {
        bank_transfer: { count: 30, total: '150000.00' },
        pos: { count: 17, total: '95000.00' },
      },
    });
    expect(report.skipped).toEqual([{ field: 'by_terminal', reason: expect.stringContaining('terminal_id') }]);
    expect(report.transactions_counted).toBe(49);
    expect(report.transactions_after_summary).toBe(0);
    expect(report.credited).toBeUndefined();
  });

  it('checks by_terminal when the transactions carry terminal ids', async () => {
    serve(documentedSummary, documentedTransactions(true));
    const report = await kler.reconciliation.audit(SESSION);
    expect(report.consistent).toBe(true);
    expect(report.skipped).toEqual([]);
    expect(report.computed.by_terminal).toEqual({
      pos_3f1e2d_001: { count: 8, total: '40000.00' },
      pos_3f1e2d_002: { count: 9, total: '55000.00' },
    });
  });

  it('fetches the summary first, then every page of transactions', async () => {
    const { calls, list } = serve(documentedSummary, documentedTransactions(false));
    await kler.reconciliation.audit(SESSION, { limit: 20 });
    expect(calls[0]).toBe('reconciliation');
    expect(calls.slice(1).every((c) => c === 'transactions')).toBe(true);
    expect(list.requests.map((r) => [r.session_id, r.limit, r.offset])).toEqual([
      [SESSION, 20, 0],
      [SESSION, 20, 19],
      [SESSION, 20, 38],
      [SESSION, 20, 49], // just past the short last page: nothing there, the end
    ]);
  });
});

describe('auditing a session whose summary disagrees', () => {
  it('names each field with Kler’s value and the recomputed one', async () => {
    serve(
      {
        ...documentedSummary,
        total_inflow: '245000.10',
        pending_count: 2,
        by_channel: {
          bank_transfer: { count: 30, total: '150000.00' },
          pos: { count: 17, total: '94999.99' },
          ussd: { count: 1, total: '500.00' },
        },
        by_terminal: undefined,
      },
      documentedTransactions(false),
    );
    const report = await kler.reconciliation.audit(SESSION);
    expect(report.consistent).toBe(false);
    expect(report.differences).toEqual([
      { field: 'total_inflow', kler: '245000.10', computed: '245000.00' },
      { field: 'pending_count', kler: 2, computed: 1 },
      { field: 'by_channel.pos.total', kler: '94999.99', computed: '95000.00' },
      { field: 'by_channel.ussd.count', kler: 1, computed: null },
      { field: 'by_channel.ussd.total', kler: '500.00', computed: null },
    ]);
    expect(report.skipped).toEqual([{ field: 'by_terminal', reason: "Kler's summary has no by_terminal" }]);
  });

  it('reports a terminal whose totals disagree', async () => {
    serve(
      { ...documentedSummary, by_terminal: { pos_3f1e2d_001: { count: 8, total: '40000.00' } } },
      documentedTransactions(true),
    );
    const report = await kler.reconciliation.audit(SESSION);
    expect(report.differences).toEqual([
      { field: 'by_terminal.pos_3f1e2d_002.count', kler: null, computed: 9 },
      { field: 'by_terminal.pos_3f1e2d_002.total', kler: null, computed: '55000.00' },
    ]);
  });

  it('treats "5000" and "5000.00" as the same amount, and is exact to the kobo beyond 2^53 kobo', async () => {
    // 2 × 90071992547409.93 naira = 2 × 9007199254740993 kobo, more than a double holds exactly.
    const huge = [
      txn('txn_a', { session_id: SESSION, amount: '90071992547409.93' }),
      txn('txn_b', { session_id: SESSION, amount: '90071992547409.93' }),
      txn('txn_c', { session_id: SESSION, amount: '0.10' }),
      txn('txn_d', { session_id: SESSION, amount: '0.20' }),
    ];
    const summary = {
      ...documentedSummary,
      total_inflow: '180143985094820.16',
      transaction_count: 4,
      successful_count: 4,
      pending_count: 0,
      failed_count: 0,
      by_channel: { bank_transfer: { count: 4, total: '180143985094820.16' } },
      by_terminal: {},
    };
    serve(summary, huge);
    expect((await kler.reconciliation.audit(SESSION)).differences).toEqual([]);

    server.resetHandlers();
    serve({ ...summary, total_inflow: '180143985094820.15' }, huge);
    expect((await kler.reconciliation.audit(SESSION)).differences).toEqual([
      { field: 'total_inflow', kler: '180143985094820.15', computed: '180143985094820.16' },
    ]);
  });
});

/**
 * A small session: three successful payments (7500.60 in all), one pending, one failed.
 */
const small: FakeTransaction[] = [
  txn('txn_1', { session_id: SESSION, amount: '5000.00' }),
  txn('txn_2', { session_id: SESSION, amount: '2500.50', channel: 'pos' }),
  txn('txn_3', { session_id: SESSION, amount: '0.10', channel: 'ussd' }),
  txn('txn_4', { session_id: SESSION, amount: '1000.00', status: 'pending' }),
  txn('txn_5', { session_id: SESSION, amount: '300.00', status: 'failed', channel: 'card' }),
];
const smallSummary = {
  session_id: SESSION,
  total_inflow: '7500.60',
  transaction_count: 5,
  successful_count: 3,
  pending_count: 1,
  failed_count: 1,
  by_channel: {
    bank_transfer: { count: 1, total: '5000.00' },
    pos: { count: 1, total: '2500.50' },
    ussd: { count: 1, total: '0.10' },
  },
  reconciled_at: '2025-08-01T22:00:00.000Z',
};

describe("auditing a platform's credits", () => {
  it('agrees when every successful payment was credited once at its amount', async () => {
    serve(smallSummary, small);
    const report = await kler.reconciliation.audit(SESSION, {
      credited: [
        { id: 'txn_1', amount: '5000' },
        { id: 'txn_2', amount: '2500.5' },
        { id: 'txn_3', amount: '0.10' },
      ],
    });
    expect(report.consistent).toBe(true);
    expect(report.credited).toEqual({
      consistent: true,
      missing_credits: [],
      unknown_credits: [],
      amount_mismatches: [],
      duplicate_credits: [],
      unsuccessful_credits: [],
      credited_total: '7500.60',
      successful_total: '7500.60',
    });
  });

  it('lists the credits that are missing, unknown, duplicated, mis-stated or for unsuccessful payments', async () => {
    serve(smallSummary, small);
    const report = await kler.reconciliation.audit(SESSION, {
      credited: [
        { id: 'txn_1', amount: '5000.00' },
        { id: 'txn_1', amount: '5000.00' },
        { id: 'txn_2', amount: '2500.05' },
        { id: 'txn_4', amount: '1000.00' },
        { id: 'txn_forged', amount: '750.00' },
      ],
    });
    expect(report.differences).toEqual([]); // Kler's own summary is fine
    expect(report.consistent).toBe(false);
    const credited = report.credited!;
    expect(credited.consistent).toBe(false);
    expect(credited.missing_credits.map((t: Transaction) => [t.id, t.amount])).toEqual([['txn_3', '0.10']]);
    expect(credited.unknown_credits).toEqual([{ id: 'txn_forged', amount: '750.00' }]);
    expect(credited.amount_mismatches).toEqual([{ id: 'txn_2', kler_amount: '2500.50', credited_amount: '2500.05' }]);
    expect(credited.duplicate_credits).toEqual([{ id: 'txn_1', times: 2, credited_amounts: ['5000.00', '5000.00'] }]);
    expect(credited.unsuccessful_credits).toEqual([{ id: 'txn_4', status: 'pending', credited_amount: '1000.00' }]);
    // 5000.00 + 5000.00 + 2500.05 + 1000.00 + 750.00
    expect(credited.credited_total).toBe('14250.05');
    expect(credited.successful_total).toBe('7500.60');
  });

  it('refuses a malformed credited list before sending anything', async () => {
    const { calls } = serve(smallSummary, small);
    const error = await kler.reconciliation
      .audit(SESSION, {
        credited: [
          { id: 'txn_1', amount: '5000.00' },
          { id: 'txn_2', amount: '5,000.00' },
          { id: '', amount: '1.00' },
          { id: 'txn_3', amount: 0.1 as unknown as string },
          null as unknown as { id: string; amount: string },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInvalidParamsError);
    const fields = (error as KlerInvalidParamsError).issues.map((i) => i.field);
    expect(fields).toEqual(['credited.1.amount', 'credited.2.id', 'credited.3.amount', 'credited.4']);
    expect((error as Error).message).toContain('"5,000.00"');
    expect(calls).toEqual([]);
  });

  it.each([
    ['an empty session id', '', {}],
    ['a credited value that is not an array', SESSION, { credited: { id: 'txn_1' } }],
    ['a page size above 100', SESSION, { limit: 500 }],
  ])('refuses %s before sending anything', async (_what, sessionId, params) => {
    const { calls } = serve(smallSummary, small);
    await expect(kler.reconciliation.audit(sessionId, params as object)).rejects.toBeInstanceOf(KlerInvalidParamsError);
    expect(calls).toEqual([]);
  });
});

describe('auditing a session that is still taking payments', () => {
  it('compares the summary with the transactions it covers and reports the later ones apart', async () => {
    const { list } = serve(smallSummary, small);
    // Payments recorded after reconciled_at (22:00) arrive while the list is read.
    list.beforeEachRequest = (index, l) => {
      l.items = [txn(`txn_late_${index}`, { session_id: SESSION, created_at: '2025-08-01T22:05:00.000Z' }), ...l.items];
    };
    // (One arrival per request of 3 leaves 1 new transaction read per request: slow, but it ends.)
    const report = await kler.reconciliation.audit(SESSION, {
      limit: 3,
      credited: [
        { id: 'txn_1', amount: '5000.00' },
        { id: 'txn_2', amount: '2500.50' },
        { id: 'txn_3', amount: '0.10' },
        { id: 'txn_late_0', amount: '1000.00' },
      ],
    });
    expect(report.differences).toEqual([]);
    expect(report.transactions_counted).toBe(5);
    // Only txn_late_0 was at the front when the iteration began; later arrivals land in front of
    // pages already read. It counts for the credit checks, not for the summary comparison.
    expect(report.transactions_after_summary).toBe(1);
    expect(report.credited?.consistent).toBe(true);
    expect(report.credited?.successful_total).toBe('8500.60');
  });
});

describe('auditReconciliation (no HTTP)', () => {
  it('audits transactions the caller already holds', () => {
    const report = auditReconciliation(smallSummary as Reconciliation, small as Transaction[], {
      credited: [{ id: 'txn_1', amount: '5000.00' }],
    });
    expect(report.differences).toEqual([]);
    expect(report.credited?.missing_credits.map((t) => t.id)).toEqual(['txn_2', 'txn_3']);
  });
  it('rejects a malformed amount in data it was handed, naming the amount', () => {
    const [first, ...rest] = small as Transaction[];
    const broken = [{ ...first!, amount: '5,000.00' }, ...rest];
    expect(() => auditReconciliation(smallSummary as Reconciliation, broken)).toThrow(KlerInvalidAmountError);
    expect(() => auditReconciliation(smallSummary as Reconciliation, broken)).toThrow(/5,000\.00/);
  });
});
