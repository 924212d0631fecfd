import { describe, expect, it } from 'vitest';
import { KlerNotFoundError } from '../../src/index.js';
import { openDoor, sessionParams, type Door, type DoorName } from './doors.js';

/**
 * Seven payments whose totals were worked out by hand:
 * successful: 15000.00 (transfer) + 5000.00 (pos 1) + 7500.50 (pos 2) + 2500.25 (pos 1) + 2000.00 (ussd)
 *           = 32000.75 over 5 transactions
 * failed: 3000.00 (card); pending: 10000.00 (transfer)
 */
async function seed(d: Door) {
  const session = await d.client().sessions.create(sessionParams(3));
  const [t1, t2] = (session.pos_terminals ?? []).map((t) => t.terminal_id);
  const pay = async (amount: string, channel: string, extra: Record<string, unknown> = {}) =>
    (await d.mock.simulatePayment(session.session_id, { amount, channel, ...extra })).transaction;
  const transfer = await pay('15000.00', 'bank_transfer');
  const pos1 = await pay('5000.00', 'pos', { terminal_id: t1 });
  await pay('7500.50', 'pos', { terminal_id: t2 });
  await pay('2500.25', 'pos', { terminal_id: t1 });
  await pay('2000', 'ussd');
  await pay('3000.00', 'card', { status: 'failed' });
  await pay('10000.00', 'bank_transfer', { status: 'pending' });
  return { id: session.session_id, t1: t1!, t2: t2!, transfer, pos1 };
}

describe.each<DoorName>(['msw', 'http'])('reconciliation and settlement through the %s door', (door) => {
  it('reconciles exactly: successful volume only in the breakdowns, empty keys absent', async () => {
    const d = await openDoor(door, { now: () => new Date('2025-08-01T22:00:00.000Z') });
    const { id, t1, t2 } = await seed(d);
    const reconciliation = await d.client().reconciliation.retrieve(id);
    expect(reconciliation).toEqual({
      session_id: id,
      total_inflow: '32000.75',
      transaction_count: 7,
      successful_count: 5,
      pending_count: 1,
      failed_count: 1,
      by_channel: {
        bank_transfer: { count: 1, total: '15000.00' },
        pos: { count: 3, total: '15000.75' },
        ussd: { count: 1, total: '2000.00' },
      },
      by_terminal: {
        [t1]: { count: 2, total: '7500.25' },
        [t2]: { count: 1, total: '7500.50' },
      },
      reconciled_at: '2025-08-01T22:00:00.000Z',
    });
  });

  it('adds amounts without floating-point drift', async () => {
    const d = await openDoor(door);
    const { session_id } = await d.client().sessions.create(sessionParams(1));
    await d.mock.simulatePayment(session_id, { amount: '0.10', channel: 'ussd' });
    await d.mock.simulatePayment(session_id, { amount: '0.20', channel: 'ussd' });
    const reconciliation = await d.client().reconciliation.retrieve(session_id);
    expect(reconciliation.total_inflow).toBe('0.30');
  });

  it('keeps everything awaiting settlement until mock.settle(), then splits by settlement date', async () => {
    const d = await openDoor(door, { now: () => new Date('2025-08-02T09:00:00.000Z') });
    const { id, transfer, pos1 } = await seed(d);
    const kler = d.client();
    expect(await kler.settlement.retrieve(id)).toEqual({
      session_id: id,
      total_settled: '0.00',
      total_pending_settlement: '32000.75',
      settled_count: 0,
      pending_count: 5,
      by_date: {},
      generated_at: '2025-08-02T09:00:00.000Z',
    });

    d.mock.settle(id, { transactionIds: [transfer.id, pos1.id], at: new Date('2025-08-01T23:30:00.000Z') });
    d.mock.settle(id, { at: new Date('2025-08-02T08:00:00.000Z') });
    const settlement = await kler.settlement.retrieve(id);
    expect(settlement).toEqual({
      session_id: id,
      total_settled: '32000.75',
      total_pending_settlement: '0.00',
      settled_count: 5,
      pending_count: 0,
      by_date: {
        '2025-08-01': { count: 2, total: '20000.00' },
        '2025-08-02': { count: 3, total: '12000.75' },
      },
      generated_at: '2025-08-02T09:00:00.000Z',
    });
  });

  it('settles automatically settlementDelayMs after paid_at when configured', async () => {
    let now = new Date('2025-08-01T18:00:00.000Z');
    const d = await openDoor(door, { now: () => now, settlementDelayMs: 24 * 3600_000 });
    const { session_id } = await d.client().sessions.create(sessionParams(1));
    await d.mock.simulatePayment(session_id, { amount: '1000.00', channel: 'bank_transfer' });
    now = new Date('2025-08-02T12:00:00.000Z');
    await d.mock.simulatePayment(session_id, { amount: '250.50', channel: 'bank_transfer' });
    now = new Date('2025-08-02T19:00:00.000Z');
    const settlement = await d.client().settlement.retrieve(session_id);
    expect(settlement).toMatchObject({
      total_settled: '1000.00',
      total_pending_settlement: '250.50',
      settled_count: 1,
      pending_count: 1,
      by_date: { '2025-08-02': { count: 1, total: '1000.00' } },
    });
  });

  it('keeps total_settled + total_pending_settlement equal to total_inflow', async () => {
    const d = await openDoor(door);
    const { id, transfer } = await seed(d);
    d.mock.settle(id, { transactionIds: [transfer.id] });
    const kler = d.client();
    const [reconciliation, settlement] = await Promise.all([kler.reconciliation.retrieve(id), kler.settlement.retrieve(id)]);
    expect(settlement.total_settled).toBe('15000.00');
    expect(settlement.total_pending_settlement).toBe('17000.75');
    expect(reconciliation.total_inflow).toBe('32000.75');
  });

  it('answers 404 for the totals of an unknown session', async () => {
    const d = await openDoor(door);
    const kler = d.client();
    await expect(kler.reconciliation.retrieve('nope')).rejects.toBeInstanceOf(KlerNotFoundError);
    await expect(kler.settlement.retrieve('nope')).rejects.toBeInstanceOf(KlerNotFoundError);
  });
});

describe('mock state for assertions', () => {
  it('exposes sessions, transactions, totals and a status change without going through HTTP', async () => {
    const d = await openDoor('msw');
    const { id } = await seed(d);
    expect(d.mock.sessions.map((s) => s.session_id)).toEqual([id]);
    expect(d.mock.transactions(id).map((t) => t.amount)).toEqual([
      '10000.00', '3000.00', '2000.00', '2500.25', '7500.50', '5000.00', '15000.00',
    ]);
    expect(d.mock.reconciliation(id).total_inflow).toBe('32000.75');
    const pending = d.mock.transactions(id)[0]!;
    d.mock.setTransactionStatus(pending.id, 'successful');
    expect(d.mock.reconciliation(id)).toMatchObject({ total_inflow: '42000.75', pending_count: 0, successful_count: 6 });
  });

  it('hands out copies, so a test cannot change the fake by mutating them', async () => {
    const d = await openDoor('msw');
    const { id } = await seed(d);
    const [latest] = d.mock.transactions(id);
    latest!.amount = '1.00';
    expect(d.mock.transactions(id)[0]?.amount).toBe('10000.00');
  });

  it('reset() forgets everything', async () => {
    const d = await openDoor('msw');
    await seed(d);
    d.mock.reset();
    expect(d.mock.sessions).toEqual([]);
    expect(d.mock.calls).toEqual([]);
  });
});

describe("the SDK's audit against the fake", () => {
  it('finds the summary consistent with the transactions; terminal totals skipped, as Kler shows no terminal_id', async () => {
    const d = await openDoor('http');
    const { id } = await seed(d);
    const report = await d.client().reconciliation.audit(id);
    expect(report.consistent).toBe(true);
    expect(report.differences).toEqual([]);
    expect(report.transactions_counted).toBe(7);
    expect(report.skipped.map((s) => s.field)).toEqual(['by_terminal']);
  });

  it('checks terminal totals too with terminalIdsOnTransactions', async () => {
    const d = await openDoor('msw', { terminalIdsOnTransactions: true });
    const { id, t1, pos1, transfer } = await seed(d);
    expect(pos1.terminal_id).toBe(t1);
    expect(transfer.terminal_id).toBeUndefined();
    const report = await d.client().reconciliation.audit(id);
    expect(report).toMatchObject({ consistent: true, skipped: [] });
    expect(report.computed.by_terminal?.[t1]).toEqual({ count: 2, total: '7500.25' });
  });

  it('reports a missing credit and an unknown one', async () => {
    const d = await openDoor('msw');
    const { id, transfer, pos1 } = await seed(d);
    const report = await d.client().reconciliation.audit(id, {
      credited: [
        { id: transfer.id, amount: '15000.00' },
        { id: 'txn_not_at_kler', amount: '99.00' },
      ],
    });
    expect(report.consistent).toBe(false);
    expect(report.credited?.unknown_credits).toEqual([{ id: 'txn_not_at_kler', amount: '99.00' }]);
    expect(report.credited?.missing_credits.map((t) => t.id)).toContain(pos1.id);
    expect(report.credited?.missing_credits).toHaveLength(4);
  });
});
