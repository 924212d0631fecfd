/**
 * `mock.settle()` and `mock.setTransactionStatus()` rewrite a transaction's history after the
 * fact. These tests pin the rules that keep that history one Kler could have, and that the
 * settlement a client reads afterwards stays readable and unchanged by a refused call.
 */
import { describe, expect, it } from 'vitest';
import { KlerMockError } from '../../src/testing/index.js';
import { control, openDoor, sessionParams, type Door } from './doors.js';

const NOW = new Date('2025-08-02T09:00:00.000Z');

/** A session with two successful bank transfers, 1000.00 and 250.50. */
async function twoPayments(d: Door) {
  const { session_id } = await d.client().sessions.create(sessionParams(1));
  const pay = async (amount: string) => (await d.mock.simulatePayment(session_id, { amount, channel: 'bank_transfer' })).transaction;
  return { session_id, first: await pay('1000.00'), second: await pay('250.50') };
}

describe('mock.settle({ at })', () => {
  it.each([
    [new Date('nope'), /`at` must be a valid Date .* got an Invalid Date/],
    [new Date('+010000-01-01T00:00:00.000Z'), /got the Date \+010000-01-01T00:00:00\.000Z/],
    ['2025-08-02' as unknown as Date, /got "2025-08-02"/],
  ])('refuses %s with KlerMockError, and the settlement stays readable', async (at, message) => {
    const d = await openDoor('msw', { now: () => NOW });
    const { session_id } = await twoPayments(d);
    expect(() => d.mock.settle(session_id, { at })).toThrow(KlerMockError);
    expect(() => d.mock.settle(session_id, { at })).toThrow(message);
    // Before the fix the Date was stored: the API answered 500 and mock.settlement threw RangeError.
    expect(d.mock.settlement(session_id)).toMatchObject({ total_settled: '0.00', total_pending_settlement: '1250.50' });
    await expect(d.client().settlement.retrieve(session_id)).resolves.toMatchObject({ settled_count: 0, pending_count: 2 });
  });

  it('keeps its own copy of `at`, so mutating the Date afterwards moves nothing', async () => {
    const d = await openDoor('msw', { now: () => NOW });
    const { session_id } = await twoPayments(d);
    const at = new Date('2025-08-02T08:00:00.000Z');
    d.mock.settle(session_id, { at });
    at.setUTCDate(20);
    expect(d.mock.settlement(session_id).by_date).toEqual({ '2025-08-02': { count: 2, total: '1250.50' } });
  });
});

describe('POST /_mock/sessions/:id/settle', () => {
  it('answers 400 naming a bad `at`, and settles nothing', async () => {
    const d = await openDoor('http', { now: () => NOW });
    const { session_id } = await twoPayments(d);
    for (const at of ['garbage', '2025-08-02T10:00:00', 1754128800000]) {
      const res = await control(d, 'POST', `/sessions/${session_id}/settle`, { at });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        success: false,
        error: { code: 'invalid_request', field: 'at', message: expect.stringContaining(`got ${typeof at === 'string' ? JSON.stringify(at) : `the number ${at}`}`) },
      });
    }
    expect((await d.client().settlement.retrieve(session_id)).total_settled).toBe('0.00');
  });

  it('refuses transaction_ids that are not an array of ids, or a body that is not JSON, instead of settling everything', async () => {
    const d = await openDoor('http', { now: () => NOW });
    const { session_id, first } = await twoPayments(d);
    const notArray = await control(d, 'POST', `/sessions/${session_id}/settle`, { transaction_ids: first.id });
    expect(notArray.status).toBe(400);
    expect(notArray.json.error).toMatchObject({ code: 'invalid_request', field: 'transaction_ids' });
    const broken = await control(d, 'POST', `/sessions/${session_id}/settle`, `{"transaction_ids":["${first.id}"]`);
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatchObject({ code: 'invalid_json' });
    expect((await d.client().settlement.retrieve(session_id)).settled_count).toBe(0);
  });
});

describe('a payment settles once', () => {
  it('refuses to settle an already settled transaction again, which would move it to another date', async () => {
    const d = await openDoor('msw', { now: () => NOW });
    const { session_id, first } = await twoPayments(d);
    d.mock.settle(session_id, { transactionIds: [first.id], at: new Date('2025-08-01T23:00:00.000Z') });
    const again = () => d.mock.settle(session_id, { transactionIds: [first.id], at: new Date('2025-08-05T10:00:00.000Z') });
    expect(again).toThrow(KlerMockError);
    expect(again).toThrow(`Transaction ${first.id} was already settled on 2025-08-01; a payment settles once.`);
    expect((await d.client().settlement.retrieve(session_id)).by_date).toEqual({ '2025-08-01': { count: 1, total: '1000.00' } });
  });

  it('refuses the same id twice in one call', async () => {
    const d = await openDoor('msw', { now: () => NOW });
    const { session_id, first } = await twoPayments(d);
    expect(() => d.mock.settle(session_id, { transactionIds: [first.id, first.id] })).toThrow(/lists "txn_[^"]+" twice/);
    expect(d.mock.settlement(session_id).settled_count).toBe(0);
  });

  it('checks every id before settling any, so a refused call changes nothing', async () => {
    const d = await openDoor('msw', { now: () => NOW });
    const { session_id, first, second } = await twoPayments(d);
    d.mock.settle(session_id, { transactionIds: [second.id] });
    expect(() => d.mock.settle(session_id, { transactionIds: [first.id, second.id] })).toThrow(/already settled/);
    expect(d.mock.settlement(session_id)).toMatchObject({ settled_count: 1, total_settled: '250.50' });
  });

  it('answers the refusal over the control route as a 400', async () => {
    const d = await openDoor('http', { now: () => NOW });
    const { session_id, first } = await twoPayments(d);
    expect((await control(d, 'POST', `/sessions/${session_id}/settle`, { transaction_ids: [first.id] })).status).toBe(200);
    const again = await control(d, 'POST', `/sessions/${session_id}/settle`, { transaction_ids: [first.id], at: '2025-08-09T00:00:00Z' });
    expect(again.status).toBe(400);
    expect(again.json.error).toMatchObject({ code: 'mock_error', message: expect.stringContaining('already settled on 2025-08-02') });
  });

  it('leaves payments settled by settlementDelayMs on their own date when settle() sweeps the rest', async () => {
    let now = new Date('2025-08-01T18:00:00.000Z');
    const d = await openDoor('msw', { now: () => now, settlementDelayMs: 3600_000 });
    const { session_id } = await d.client().sessions.create(sessionParams(1));
    const early = (await d.mock.simulatePayment(session_id, { amount: '1000.00', channel: 'ussd' })).transaction;
    now = new Date('2025-08-03T10:00:00.000Z');
    await d.mock.simulatePayment(session_id, { amount: '250.50', channel: 'ussd' });

    const swept = d.mock.settle(session_id);
    expect(swept.map((t) => t.amount)).toEqual(['250.50']);
    expect((await d.client().settlement.retrieve(session_id)).by_date).toEqual({
      '2025-08-01': { count: 1, total: '1000.00' },
      '2025-08-03': { count: 1, total: '250.50' },
    });
    expect(() => d.mock.settle(session_id, { transactionIds: [early.id] })).toThrow(/already settled on 2025-08-01/);
  });
});

describe('mock.setTransactionStatus', () => {
  it('refuses to move a settled transaction off successful: a settled payment cannot fail', async () => {
    const d = await openDoor('msw', { now: () => NOW });
    const { session_id, first } = await twoPayments(d);
    d.mock.settle(session_id, { transactionIds: [first.id] });
    for (const status of ['failed', 'pending']) {
      expect(() => d.mock.setTransactionStatus(first.id, status)).toThrow(KlerMockError);
      expect(() => d.mock.setTransactionStatus(first.id, status)).toThrow(`cannot become ${status}: a settled payment cannot fail`);
    }
    expect(d.mock.setTransactionStatus(first.id, 'successful').status).toBe('successful');
    expect(await d.client().settlement.retrieve(session_id)).toMatchObject({ total_settled: '1000.00', settled_count: 1 });
  });

  it('still lets an unsettled payment fail, and a pending one succeed', async () => {
    const d = await openDoor('msw', { now: () => NOW });
    const { session_id, second } = await twoPayments(d);
    expect(d.mock.setTransactionStatus(second.id, 'failed').status).toBe('failed');
    expect(d.mock.setTransactionStatus(second.id, 'successful').status).toBe('successful');
    expect(d.mock.reconciliation(session_id).total_inflow).toBe('1250.50');
  });

  it.each(['', 42, null])('refuses the status %j, naming it', async (status) => {
    const d = await openDoor('msw');
    const { second } = await twoPayments(d);
    expect(() => d.mock.setTransactionStatus(second.id, status as string)).toThrow(/status must be a non-empty string .* got/);
  });
});
