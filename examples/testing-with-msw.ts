/**
 * Testing your own Kler integration offline: a vitest suite where `@kler/sdk/testing` plays Kler
 * through MSW. Your code calls the real `KlerClient`; MSW routes its requests to the in-memory
 * fake, and `simulatePayment` delivers signed webhooks to your handler, also through MSW.
 *
 * Save it as a `*.test.ts` file (vitest's default pattern), e.g. `kler.test.ts`, then:
 *
 *   npm install -D vitest msw
 *   npx vitest run
 */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KlerClient, KlerInternalServerError } from '@kler/sdk';
import { createKlerMock } from '@kler/sdk/testing';
import { isTransactionReceivedEvent, verifyWebhookRequest } from '@kler/sdk/webhooks';

// ── Your application (normally imported from your code) ─────────────────────────────────────
const WEBHOOK_URL = 'https://tickets.example.com/kler/webhooks';
const tickets = new Map<string, string>(); // transaction id -> amount

/** Opens the payment layer for an event. */
async function openEvent(kler: KlerClient, eventId: string) {
  return kler.sessions.create({
    external_event_id: eventId,
    name: `Event ${eventId}`,
    collection: { account: true, pos: true, pos_count: 2 },
    webhook_url: WEBHOOK_URL,
  });
}

/** Your webhook endpoint: verify, issue one ticket per successful transaction, answer fast. */
async function handleKlerWebhook(request: Request, secret: string): Promise<Response> {
  const event = await verifyWebhookRequest(request, { secret });
  if (isTransactionReceivedEvent(event) && event.data.status === 'successful' && !tickets.has(event.data.id)) {
    tickets.set(event.data.id, event.data.amount);
  }
  return new Response(null, { status: 204 });
}

// ── The test setup ──────────────────────────────────────────────────────────────────────────
const mock = createKlerMock();
// `baseUrl` set explicitly, so a KLER_BASE_URL in your shell cannot point the client elsewhere.
const kler = new KlerClient({ apiKey: 'sk_test_anything', baseUrl: mock.baseUrl, webhookSecret: mock.webhookSecret });
const server = setupServer(
  ...mock.handlers,
  // Deliveries from simulatePayment() use the global fetch, so MSW hands them to your handler.
  http.post(WEBHOOK_URL, ({ request }) => handleKlerWebhook(request, mock.webhookSecret)),
);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' })); // msw 2: { onUnhandledRequest: 'error' }
afterEach(() => {
  mock.reset(); // a fresh Kler for every test
  tickets.clear();
});
afterAll(() => server.close());

describe('ticketing on Kler', () => {
  it('issues one ticket per successful payment, and reconciles', async () => {
    const session = await openEvent(kler, 'evt_1');
    const [terminal] = session.pos_terminals ?? [];

    await mock.simulatePayment(session.session_id, { amount: '5000.00', channel: 'bank_transfer' });
    await mock.simulatePayment(session.session_id, { amount: '2500.00', channel: 'pos', terminal_id: terminal?.terminal_id });
    await mock.simulatePayment(session.session_id, { amount: '1000.00', channel: 'card', status: 'failed' });

    expect(tickets.size).toBe(2);
    const totals = await kler.reconciliation.retrieve(session.session_id);
    expect(totals.total_inflow).toBe('7500.00');
    expect(totals.failed_count).toBe(1);
  });

  it('survives a redelivered webhook without a second ticket', async () => {
    const session = await openEvent(kler, 'evt_2');
    const { transaction } = await mock.simulatePayment(session.session_id, { amount: '3000.00', channel: 'ussd' });
    await mock.redeliverWebhook(transaction.id);
    expect([...tickets.keys()]).toEqual([transaction.id]);
  });

  it('copes with Kler being down', async () => {
    mock.fail('sessions.create', { status: 503 });
    await expect(openEvent(kler, 'evt_3')).rejects.toBeInstanceOf(KlerInternalServerError);
    // A create is never retried automatically (it may have reached Kler): check, then retry.
    expect(mock.sessions).toHaveLength(0);
  });

  it('refuses payments once the event is closed', async () => {
    const session = await openEvent(kler, 'evt_4');
    await kler.sessions.close(session.session_id);
    await expect(mock.simulatePayment(session.session_id, { amount: '100.00', channel: 'ussd' })).rejects.toThrow(/closed/);
  });
});
