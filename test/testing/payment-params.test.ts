/**
 * `simulatePayment` must refuse any param that would store a transaction the SDK's own client
 * then refuses to read: one bad payment used to break every later list of its session with
 * KlerResponseValidationError, far from the call that caused it.
 */
import { describe, expect, it } from 'vitest';
import { KlerMockError, type SimulatePaymentParams } from '../../src/testing/index.js';
import { control, openDoor, sessionParams } from './doors.js';

const bad = (params: Record<string, unknown>) => ({ amount: '10.00', channel: 'bank_transfer', ...params }) as SimulatePaymentParams;

describe('simulatePayment refuses params the SDK could not read back', () => {
  it.each([
    [{ status: '' }, 'simulatePayment status must be a non-empty string such as "successful", "pending" or "failed", got "".'],
    [{ status: 7 }, 'status must be a non-empty string such as "successful", "pending" or "failed", got the number 7.'],
    [{ status: null }, 'got null'],
    [{ sender_name: 42 }, 'simulatePayment sender_name must be a string or null, got the number 42.'],
    [{ sender_account: 123456789 }, 'sender_account must be a string or null, got the number 123456789.'],
    [{ sender_bank: { code: '058' } }, 'sender_bank must be a string or null, got object.'],
    [{ narration: ['Ticket'] }, 'narration must be a string or null, got an array.'],
    [{ providus_ref: true }, 'providus_ref must be a string or null, got boolean.'],
    [{ paid_at: 'yesterday' }, 'paid_at must be a valid Date or an ISO 8601 time with a UTC offset, such as "2025-08-01T18:32:00.000Z"; got "yesterday".'],
    [{ paid_at: '2025-08-01T18:32:00' }, 'got "2025-08-01T18:32:00"'],
    [{ paid_at: new Date('nope') }, 'got an Invalid Date'],
    [{ webhook: 'false' }, 'simulatePayment webhook must be true or false, got "false".'],
  ])('%j', async (params, message) => {
    const d = await openDoor('msw');
    const kler = d.client();
    const { session_id } = await kler.sessions.create(sessionParams(1));
    const attempt = d.mock.simulatePayment(session_id, bad(params));
    await expect(attempt).rejects.toBeInstanceOf(KlerMockError);
    await expect(attempt).rejects.toThrow(message);
    // Nothing was stored, so the session still lists.
    await expect(kler.transactions.list({ session_id })).resolves.toMatchObject({ data: [] });
  });

  it('keeps accepting what the SDK reads: null sender fields, empty text, a status Kler may add, an offset time', async () => {
    const d = await openDoor('msw');
    const kler = d.client();
    const { session_id } = await kler.sessions.create(sessionParams(1));
    const { transaction } = await d.mock.simulatePayment(session_id, {
      amount: '10.00',
      channel: 'bank_transfer',
      status: 'reversed',
      sender_name: null,
      narration: '',
      paid_at: '2025-08-01T19:32:00+01:00',
    });
    expect(transaction).toMatchObject({ status: 'reversed', sender_name: null, narration: '', paid_at: '2025-08-01T18:32:00.000Z' });
    const listed = await kler.transactions.list({ session_id });
    expect(listed.data).toEqual([transaction]);
  });
});

describe('POST /_mock/sessions/:id/payments', () => {
  it('answers 400 with the refusal, and the session still lists through the SDK', async () => {
    const d = await openDoor('http');
    const kler = d.client();
    const { session_id } = await kler.sessions.create(sessionParams(1));
    for (const body of [bad({ status: '' }), bad({ sender_name: 42 }), bad({ narration: { text: 'x' } })]) {
      const res = await control(d, 'POST', `/sessions/${session_id}/payments`, body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ success: false, error: { code: 'mock_error', message: expect.stringMatching(/must be/) } });
    }
    await expect(kler.transactions.list({ session_id })).resolves.toMatchObject({ data: [] });
  });

  it('refuses a body that is not a JSON object', async () => {
    const d = await openDoor('http');
    const { session_id } = await d.client().sessions.create(sessionParams(1));
    const res = await control(d, 'POST', `/sessions/${session_id}/payments`, ['10.00']);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'invalid_request', message: 'The body must be a JSON object.' });
  });
});
