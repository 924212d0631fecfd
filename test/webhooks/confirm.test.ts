/**
 * kler.webhooks: verify with the client's secret, and confirm a delivery against the API
 * (served by MSW; test/setup.ts makes any unhandled request fail the test).
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  KlerConfigurationError,
  KlerInvalidParamsError,
  KlerNotFoundError,
  KlerWebhookConfirmationError,
} from '../../src/core/errors.js';
import { Transport } from '../../src/core/http.js';
import { Webhooks } from '../../src/resources/webhooks.js';
import { parseWebhookEventUnverified, signWebhook, type TransactionReceivedPayload } from '../../src/webhooks/index.js';
import { ok, transaction, webhookTransactionReceived } from '../fixtures/documented.js';
import { BASE_URL, server } from '../msw-server.js';
import { openDoor, sessionParams } from '../testing/doors.js';
import { WHSEC } from './vectors.js';

function webhooks(secret: string | string[] | undefined) {
  const transport = new Transport({ apiKey: 'test_key', baseUrl: BASE_URL, timeout: 5000, maxRetries: 0, fetch: undefined });
  return new Webhooks(transport, secret);
}

/** The delivery as Kler sent it, and the transaction Kler's API holds for it. */
const delivered = await parseWebhookEventUnverified(JSON.stringify(webhookTransactionReceived)) as TransactionReceivedPayload;
const stored = { ...transaction, ...webhookTransactionReceived.data, session_id: 'sess_01HZX' };

function serve(tx: unknown, seen: string[] = []) {
  server.use(
    http.get(`${BASE_URL}/transactions/:id`, ({ request, params }) => {
      seen.push(`${request.headers.get('x-api-key')} ${String(params.id)}`);
      return params.id === 'txn_01' ? HttpResponse.json(ok(tx)) : HttpResponse.json({ error: 'not found' }, { status: 404 });
    }),
  );
  return seen;
}

describe('kler.webhooks.confirm', () => {
  it('re-fetches the transaction and returns it when every field both carry agrees', async () => {
    const seen = serve(stored);
    const fresh = await webhooks(WHSEC).confirm(delivered);
    expect(fresh).toMatchObject({ id: 'txn_01', session_id: 'sess_01HZX', created_at: transaction.created_at });
    expect(seen).toEqual(['test_key txn_01']);
  });

  it('compares amounts as decimals: "5000" agrees with "5000.00"', async () => {
    serve({ ...stored, amount: '5000' });
    await expect(webhooks(WHSEC).confirm(delivered)).resolves.toMatchObject({ amount: '5000' });
  });

  it.each([
    ['amount', { amount: '500.00' }, '5000.00', '500.00'],
    ['session_id', { session_id: 'sess_OTHER' }, 'sess_01HZX', 'sess_OTHER'],
    ['status', { status: 'pending' }, 'successful', 'pending'],
    ['currency', { currency: 'USD' }, 'NGN', 'USD'],
    ['channel', { channel: 'pos' }, 'bank_transfer', 'pos'],
    ['sender_name', { sender_name: 'Someone Else' }, 'Jane Doe', 'Someone Else'],
    ['narration', { narration: 'ORDER-B' }, 'Ticket purchase', 'ORDER-B'],
    ['providus_ref', { providus_ref: 'PVS_OTHER' }, 'PVS20250801XXXXXXX', 'PVS_OTHER'],
    ['paid_at', { paid_at: '2025-08-01T18:33:00.000Z' }, '2025-08-01T18:32:00.000Z', '2025-08-01T18:33:00.000Z'],
  ])('throws KlerWebhookConfirmationError naming %s when it disagrees', async (field, change, expected, actual) => {
    serve({ ...stored, ...change });
    const error = await webhooks(WHSEC).confirm(delivered).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerWebhookConfirmationError);
    expect(error).toMatchObject({ name: 'KlerWebhookConfirmationError', field, expected, actual, transactionId: 'txn_01' });
    expect((error as Error).message).toContain(`has ${field} "${expected}", but Kler's API says "${actual}"`);
    expect(KlerWebhookConfirmationError.is(error)).toBe(true);
  });

  it('compares paid_at as an instant, and skips a field only one side carries', async () => {
    const { narration: _dropped, ...withoutNarration } = stored;
    serve({ ...withoutNarration, paid_at: '2025-08-01T19:32:00+01:00', terminal_id: 'pos_1' });
    await expect(webhooks(WHSEC).confirm(delivered)).resolves.toMatchObject({ id: 'txn_01', terminal_id: 'pos_1' });
  });

  it('a forged narration on a real transaction is refused, though session, amount and status agree', async () => {
    serve(stored);
    const forged = { ...delivered, data: { ...delivered.data, narration: 'ORDER-B', sender_name: 'Attacker' } };
    await expect(webhooks(WHSEC).confirm(forged)).rejects.toMatchObject({ field: 'sender_name', actual: 'Jane Doe' });
  });

  it('lets KlerNotFoundError through for a transaction Kler does not have (a forged delivery)', async () => {
    serve(stored);
    const forged = { ...delivered, data: { ...delivered.data, id: 'txn_forged' } };
    await expect(webhooks(WHSEC).confirm(forged)).rejects.toBeInstanceOf(KlerNotFoundError);
  });

  it('encodes the id as one path segment', async () => {
    const seen = serve(stored);
    await webhooks(WHSEC)
      .confirm({ ...delivered, data: { ...delivered.data, id: '../sessions/x?y' } })
      .catch(() => undefined);
    expect(seen).toEqual(['test_key ../sessions/x?y']);
  });

  it('refuses other event types before any request', async () => {
    const error = await webhooks(WHSEC)
      .confirm({ event: 'session.closed', session_id: 's', data: {} } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInvalidParamsError);
    expect(error).toMatchObject({ field: 'event' });
  });
});

describe('kler.webhooks.verify', () => {
  it("verifies with the client's secret (or any of several)", async () => {
    const payload = JSON.stringify(webhookTransactionReceived);
    const headers = await signWebhook({ payload, secret: WHSEC, id: 'msg_c' });
    await expect(webhooks(WHSEC).verify({ payload, headers })).resolves.toMatchObject({ webhook_id: 'msg_c' });
    await expect(webhooks(['whsec_AAAA', WHSEC]).verify({ payload, headers })).resolves.toBeDefined();
  });

  it('says how to configure a missing secret', async () => {
    const error = await webhooks(undefined)
      .verify({ payload: '{}', headers: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerConfigurationError);
    expect((error as Error).message).toMatch(/webhookSecret.*KLER_WEBHOOK_SECRET/);
  });

  it('keeps the secret out of JSON and inspection', async () => {
    const { inspect } = await import('node:util');
    const resource = webhooks('whsec_c3VwZXIgc2VjcmV0');
    expect(`${JSON.stringify(resource)} ${inspect(resource, { showHidden: true, depth: 5 })}`).not.toContain('c3VwZXIgc2VjcmV0');
  });
});

describe('kler.webhooks.confirm against the testing kit', () => {
  it.each(['bank_transfer', 'pos', 'ussd'] as const)(
    "accepts the mock's own %s delivery: its webhook and its API agree on every field",
    async (channel) => {
      const door = await openDoor('msw', { terminalIdsOnTransactions: true });
      const deliveries: string[] = [];
      server.use(
        http.post('https://tickets.test/kler', async ({ request }) => {
          deliveries.push(await request.text());
          return new HttpResponse(null, { status: 204 });
        }),
      );
      const kler = door.client({ webhookSecret: door.mock.webhookSecret });
      const session = await kler.sessions.create(sessionParams(2, { webhook_url: 'https://tickets.test/kler' }));
      await door.mock.simulatePayment(session.session_id, { amount: '2500.50', channel });
      expect(deliveries).toHaveLength(1);
      const event = (await parseWebhookEventUnverified(deliveries[0]!)) as TransactionReceivedPayload;
      await expect(kler.webhooks.confirm(event)).resolves.toMatchObject({ id: event.data.id, amount: '2500.50', channel });
    },
  );
});
