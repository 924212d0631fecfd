import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/webhooks/index.js';
import { KlerMockError } from '../../src/testing/index.js';
import { server } from '../msw-server.js';
import { openDoor, sessionParams } from './doors.js';
import { startReceiver } from './receiver.js';

describe('simulatePayment webhook delivery', () => {
  it('retries a failing receiver and resolves once it answers 2xx: fails twice, succeeds on the 3rd attempt', async () => {
    const receiver = await startReceiver(500, 503, 200);
    const d = await openDoor('msw', { deliveryBaseDelayMs: 5 });
    const session = await d.client().sessions.create(sessionParams(1, { webhook_url: receiver.url }));

    const { transaction, delivery } = await d.mock.simulatePayment(session.session_id, { amount: '5000.00', channel: 'bank_transfer' });

    expect(delivery).toMatchObject({ url: receiver.url, delivered: true, attempts: 3, lastStatus: 200 });
    expect(delivery?.history.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(receiver.received).toHaveLength(3);
    // One message, three attempts: the same webhook-id each time, so receivers can dedupe.
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBe(delivery?.webhookId);
    for (const { headers, body } of receiver.received) {
      const event = await verifyWebhook({ payload: body, headers, secret: d.mock.webhookSecret });
      expect(event).toMatchObject({
        event: 'transaction.received',
        session_id: session.session_id,
        webhook_id: delivery?.webhookId,
        data: { id: transaction.id, amount: '5000.00', channel: 'bank_transfer', status: 'successful' },
      });
    }
  });

  it('signs with the secret given to createKlerMock, which verifies under the client too', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const receiver = await startReceiver(204);
    const d = await openDoor('msw', { webhookSecret: secret });
    expect(d.mock.webhookSecret).toBe(secret);
    const session = await d.client().sessions.create(sessionParams(1, { webhook_url: receiver.url }));
    await d.mock.simulatePayment(session.session_id, { amount: '100.00', channel: 'ussd' });
    const [delivery] = receiver.received;
    await expect(verifyWebhook({ payload: delivery!.body, headers: delivery!.headers, secret })).resolves.toMatchObject({
      data: { amount: '100.00' },
    });
    await expect(
      verifyWebhook({ payload: delivery!.body, headers: delivery!.headers, secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
    ).rejects.toMatchObject({ reason: 'no_matching_signature' });
  });

  it('gives up after the first attempt and 5 retries, waiting twice as long before each retry', async () => {
    const receiver = await startReceiver(503);
    const d = await openDoor('msw', { deliveryBaseDelayMs: 4 });
    const session = await d.client().sessions.create(sessionParams(1, { webhook_url: receiver.url }));
    const started = performance.now();
    const { transaction, delivery } = await d.mock.simulatePayment(session.session_id, { amount: '700.00', channel: 'card' });
    // Waits of 4 + 8 + 16 + 32 + 64 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(120);
    expect(delivery).toMatchObject({ delivered: false, attempts: 6, lastStatus: 503 });
    expect(receiver.received).toHaveLength(6);
    // The payment is recorded whatever the receiver does.
    expect(d.mock.transactions(session.session_id)[0]?.id).toBe(transaction.id);
  });

  it('counts an unreachable receiver as failed attempts, with the network error', async () => {
    const d = await openDoor('msw', { deliveryBaseDelayMs: 0 });
    const url = 'http://127.0.0.1:1/kler/webhooks'; // nothing listens on port 1
    const session = await d.client().sessions.create(sessionParams(1, { webhook_url: url }));
    const { delivery } = await d.mock.simulatePayment(session.session_id, { amount: '1.00', channel: 'ussd' });
    expect(delivery).toMatchObject({ delivered: false, attempts: 6, lastStatus: undefined });
    expect(delivery?.history[0]?.error).toBeTruthy();
  });

  it('redelivers a transaction with the same webhook-id, as a Kler retry would', async () => {
    const receiver = await startReceiver(200);
    const d = await openDoor('http');
    const session = await d.client().sessions.create(sessionParams(1, { webhook_url: receiver.url }));
    const { transaction, delivery } = await d.mock.simulatePayment(session.session_id, { amount: '5.00', channel: 'pos' });
    const again = await d.mock.redeliverWebhook(transaction.id);
    expect(again).toMatchObject({ delivered: true, attempts: 1, webhookId: delivery?.webhookId });
    expect(receiver.received.map((r) => r.body)).toEqual([receiver.received[0]?.body, receiver.received[0]?.body]);
  });

  it('sends nothing when the session has no webhook_url, or when asked not to', async () => {
    const receiver = await startReceiver(200);
    const d = await openDoor('msw');
    const quiet = await d.client().sessions.create(sessionParams(1));
    expect((await d.mock.simulatePayment(quiet.session_id, { amount: '1.00', channel: 'ussd' })).delivery).toBeNull();
    const loud = await d.client().sessions.create(sessionParams(1, { webhook_url: receiver.url }));
    expect((await d.mock.simulatePayment(loud.session_id, { amount: '1.00', channel: 'ussd', webhook: false })).delivery).toBeNull();
    expect(receiver.received).toHaveLength(0);
  });

  it('delivers to a receiver that is itself an MSW handler, through the global fetch', async () => {
    const hook = 'https://tickets.example.com/kler/webhooks';
    const bodies: unknown[] = [];
    const d = await openDoor('msw');
    server.use(
      http.post(hook, async ({ request }) => {
        const event = await verifyWebhook({ payload: await request.text(), headers: request.headers, secret: d.mock.webhookSecret });
        bodies.push(event);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const session = await d.client().sessions.create(sessionParams(1, { webhook_url: hook }));
    const { delivery } = await d.mock.simulatePayment(session.session_id, { amount: '42.00', channel: 'card' });
    expect(delivery?.delivered).toBe(true);
    expect(bodies).toHaveLength(1);
  });
});

describe('simulatePayment refuses what Kler would not record', () => {
  it.each([
    [{ amount: '0.00', channel: 'ussd' }, /more than 0.00/],
    [{ amount: '12.345', channel: 'ussd' }, /decimal string/],
    [{ amount: 5000 as unknown as string, channel: 'ussd' }, /decimal string/],
    [{ amount: '10.00', channel: 'pos', terminal_id: 'pos_nope_001' }, /no terminal "pos_nope_001"; its terminals are pos_/],
    [{ amount: '10.00', channel: 'ussd', terminal_id: 'x' }, /only applies to pos/],
    [{ amount: '10.00', channel: 'pos', operator_id: 'op_nope' }, /no operator "op_nope"/],
  ])('%j', async (params, message) => {
    const d = await openDoor('msw');
    const session = await d.client().sessions.create(sessionParams(1));
    const attempt = d.mock.simulatePayment(session.session_id, params);
    await expect(attempt).rejects.toBeInstanceOf(KlerMockError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('an unknown session', async () => {
    const d = await openDoor('msw');
    await expect(d.mock.simulatePayment('nope', { amount: '1.00', channel: 'ussd' })).rejects.toThrow(/has no session "nope"/);
  });

  it('a POS payment on a session without terminals', async () => {
    const d = await openDoor('msw');
    const session = await d.client().sessions.create({ external_event_id: 'e', name: 'n', collection: { account: true, pos: false } });
    await expect(d.mock.simulatePayment(session.session_id, { amount: '1.00', channel: 'pos' })).rejects.toThrow(/has no POS terminals/);
  });
});
