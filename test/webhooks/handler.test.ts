import { describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { KlerConfigurationError } from '../../src/core/errors.js';
import {
  createMemoryWebhookStore,
  createWebhookHandler,
  signWebhook,
  type WebhookErrorInfo,
  type WebhookHandlerEvent,
  type WebhookHandlerOptions,
  type WebhookStore,
} from '../../src/webhooks/index.js';
import { delivery, gate, paymentBody, read, SECRET, sleep, TicketOffice } from './handler-kit.js';

/** An inline handler issuing one ticket per successful transaction, with its errors collected. */
function ticketing(options: Partial<WebhookHandlerOptions> = {}) {
  const tickets = new TicketOffice();
  const errors: { error: unknown; info: WebhookErrorInfo }[] = [];
  const events: WebhookHandlerEvent[] = [];
  const handler = createWebhookHandler({
    secret: SECRET,
    on: { 'transaction.received': (event) => tickets.issue(event.data.id) },
    onError: (error, info) => errors.push({ error, info }),
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { handler, tickets, errors, events };
}

describe('createWebhookHandler, inline: the work runs before the answer', () => {
  it('runs the work once and answers 200; a redelivery is answered 200 without running it again', async () => {
    const { handler, tickets, events } = ticketing();
    expect(await read(await handler.fetch(await delivery()))).toMatchObject({ status: 200, body: { status: 'processed' } });
    expect(await read(await handler.fetch(await delivery()))).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect(tickets.issued).toEqual(new Map([['txn_01', 1]]));
    expect(events.map((e) => e.type)).toEqual(['verified', 'processed', 'verified', 'duplicate']);
    expect(events[1]).toMatchObject({ key: 'transaction:txn_01:successful', attempt: 1 });
  });

  it('refuses a forged delivery with 401 and the reason alone, without running the work', async () => {
    const { handler, tickets } = ticketing();
    const headers = await signWebhook({ payload: paymentBody(), secret: SECRET, id: 'msg_1' });
    const forged = new Request('https://tickets.example/webhooks/kler', {
      method: 'POST',
      body: paymentBody().replace('"5000.00"', '"50000.00"'),
      headers,
    });
    const response = await handler.fetch(forged);
    const text = await response.text();
    expect(response.status).toBe(401);
    expect(JSON.parse(text)).toEqual({ error: 'no_matching_signature' });
    expect(text).not.toContain(SECRET.slice(6, 16));
    expect(text).not.toMatch(/at .*\.ts/);
    expect(tickets.total).toBe(0);
  });

  it('answers 401 missing_header to an unsigned delivery and 400 invalid_payload to a signed body that is no Kler event', async () => {
    const { handler } = ticketing();
    const unsigned = new Request('https://tickets.example/webhooks/kler', { method: 'POST', body: paymentBody() });
    expect(await read(await handler.fetch(unsigned))).toMatchObject({ status: 401, body: { error: 'missing_header' } });
    expect(await read(await handler.fetch(await delivery('{"hello":"world"}')))).toMatchObject({ status: 400, body: { error: 'invalid_payload' } });
  });

  it('answers 500 when the work throws, tells onError, and lets the redelivery run it again', async () => {
    let calls = 0;
    const { handler, tickets, errors } = ticketing({
      on: {
        'transaction.received': (event, { attempt }) => {
          calls++;
          if (attempt === 1) throw new Error('ticket service down (password hunter2)');
          tickets.issue(event.data.id);
        },
      },
    });
    const failed = await handler.fetch(await delivery());
    const text = await failed.text();
    expect(failed.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: 'handler_failed' });
    expect(text).not.toContain('hunter2');
    expect(errors).toEqual([{ error: new Error('ticket service down (password hunter2)'), info: { phase: 'handler', key: 'transaction:txn_01:successful', attempt: 1 } }]);
    expect(await read(await handler.fetch(await delivery()))).toMatchObject({ status: 200, body: { status: 'processed' } });
    expect(calls).toBe(2);
    expect(tickets.issued).toEqual(new Map([['txn_01', 1]]));
  });

  it('answers a redelivery that arrives mid-work 409 with Retry-After, never 2xx; once done, 200', async () => {
    const held = gate();
    const { handler, tickets } = ticketing({
      on: {
        'transaction.received': async (event) => {
          await held.promise;
          tickets.issue(event.data.id);
        },
      },
    });
    const first = handler.fetch(await delivery());
    await sleep(20);
    const during = await read(await handler.fetch(await delivery()));
    expect(during).toMatchObject({ status: 409, body: { status: 'in_progress' } });
    expect(Number(during.retryAfter)).toBeGreaterThanOrEqual(1);
    held.open();
    expect((await first).status).toBe(200);
    expect((await handler.fetch(await delivery())).status).toBe(200);
    expect(tickets.total).toBe(1);
  });

  it('loses no ticket when the first delivery fails after a redelivery saw it in progress (the old pattern answered that redelivery 200)', async () => {
    const held = gate();
    const tickets = new TicketOffice();
    const handler = createWebhookHandler({
      secret: SECRET,
      onError: () => undefined,
      on: {
        'transaction.received': async (event, { attempt }) => {
          if (attempt === 1) {
            await held.promise;
            throw new Error('database timeout');
          }
          tickets.issue(event.data.id);
        },
      },
    });
    const first = handler.fetch(await delivery());
    await sleep(20);
    const redelivery = await handler.fetch(await delivery());
    expect(redelivery.status).toBe(409); // Kler will come back
    held.open();
    expect((await first).status).toBe(500); // and again for this one
    expect((await handler.fetch(await delivery())).status).toBe(200); // Kler's next retry
    expect(tickets.total).toBe(1);
  });

  it('treats each status of a transaction as its own work: a failed delivery does not block the later successful one', async () => {
    const seen: string[] = [];
    const { handler } = ticketing({ on: { 'transaction.received': (event) => void seen.push(event.data.status) } });
    expect((await handler.fetch(await delivery(paymentBody('txn_01', 'failed'), 'msg_a'))).status).toBe(200);
    expect((await handler.fetch(await delivery(paymentBody('txn_01', 'successful'), 'msg_b'))).status).toBe(200);
    expect((await handler.fetch(await delivery(paymentBody('txn_01', 'successful'), 'msg_c'))).status).toBe(200);
    expect(seen).toEqual(['failed', 'successful']);
  });

  it('answers 200 to an event type it does not know, running onUnknown once per delivery id when given', async () => {
    const body = JSON.stringify({ event: 'session.closed', session_id: 'sess_01', data: { closed_at: '2025-08-02T00:00:00.000Z' } });
    const plain = ticketing();
    expect(await read(await plain.handler.fetch(await delivery(body, 'msg_s')))).toMatchObject({ status: 200, body: { status: 'ignored' } });
    const closed: unknown[] = [];
    const { handler } = ticketing({ onUnknown: (event) => void closed.push(event.data) });
    expect((await handler.fetch(await delivery(body, 'msg_s'))).status).toBe(200);
    expect((await handler.fetch(await delivery(body, 'msg_s'))).status).toBe(200);
    expect(closed).toEqual([{ closed_at: '2025-08-02T00:00:00.000Z' }]);
  });

  it('lets a redelivery take over work hung past its lease; the late finish is reported and changes nothing', async () => {
    const held = gate();
    const signals: AbortSignal[] = [];
    const { handler, tickets, errors } = ticketing({
      leaseMs: 60,
      on: {
        'transaction.received': async (event, { attempt, signal }) => {
          signals.push(signal);
          if (attempt === 1) await held.promise; // hangs, ignoring the signal
          tickets.issue(event.data.id);
        },
      },
    });
    const hung = handler.fetch(await delivery());
    await sleep(20);
    expect((await handler.fetch(await delivery())).status).toBe(409);
    await sleep(150);
    expect(signals[0]!.aborted).toBe(true);
    expect(await read(await handler.fetch(await delivery()))).toMatchObject({ status: 200, body: { status: 'processed' } });
    held.open();
    expect((await hung).status).toBe(200);
    expect(errors.map((e) => e.info)).toEqual([{ phase: 'lease_lost', key: 'transaction:txn_01:successful', attempt: 1 }]);
    expect(String(errors[0]!.error)).toMatch(/may have run twice.*Raise leaseMs/);
    expect((await handler.fetch(await delivery())).status).toBe(200);
    expect(tickets.issued.get('txn_01')).toBe(2); // the hung attempt ignored its signal: the reason it is reported
  });

  it('finishes the work of a crashed process: a new handler on the same store takes it over once the lease expires', async () => {
    const store = createMemoryWebhookStore();
    const tickets = new TicketOffice();
    const crashed = createWebhookHandler({ secret: SECRET, store, leaseMs: 60, on: { 'transaction.received': () => new Promise(() => {}) } });
    void crashed.fetch(await delivery()); // never answers: the process "died" mid-work
    await sleep(20);
    const restarted = createWebhookHandler({
      secret: SECRET,
      store,
      leaseMs: 60,
      on: { 'transaction.received': (event, { attempt }) => void tickets.issue(`${event.data.id}@${attempt}`) },
    });
    expect((await restarted.fetch(await delivery())).status).toBe(409);
    await sleep(120);
    expect((await restarted.fetch(await delivery())).status).toBe(200);
    expect([...tickets.issued.keys()]).toEqual(['txn_01@2']);
  });

  it('answers 503 when the store is down, so Kler retries', async () => {
    const broken: WebhookStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
      complete: () => Promise.resolve(false),
      release: () => Promise.resolve(),
    };
    const { handler, tickets, errors } = ticketing({ store: broken });
    expect(await read(await handler.fetch(await delivery()))).toMatchObject({ status: 503, body: { error: 'store_unavailable' }, retryAfter: '1' });
    expect(errors[0]!.info.phase).toBe('store');
    expect(tickets.total).toBe(0);
  });

  it('answers 200 when the work succeeded but the store failed to record it, and says so to onError (a 5xx would make Kler redo the work)', async () => {
    const store = createMemoryWebhookStore();
    store.complete = () => Promise.reject(new Error('connection reset'));
    const { handler, tickets, errors } = ticketing({ store });
    expect(await read(await handler.fetch(await delivery()))).toMatchObject({ status: 200, body: { status: 'processed' } });
    expect(tickets.total).toBe(1);
    expect(errors.map((e) => e.info)).toEqual([{ phase: 'store', key: 'transaction:txn_01:successful', attempt: 1 }]);
  });

  it('verifies with a KlerClient and its webhookSecret', async () => {
    const client = new KlerClient({ apiKey: 'sk_test_x', baseUrl: 'http://127.0.0.1:9/v1', webhookSecret: SECRET });
    const { handler, tickets } = ticketing({ secret: undefined, client });
    expect((await handler.fetch(await delivery())).status).toBe(200);
    expect(tickets.total).toBe(1);
  });
});

describe('createWebhookHandler: what it keeps, and for how long', () => {
  /** The memory store, recording the retention each completion asked for. */
  function recording() {
    const store = createMemoryWebhookStore();
    const retained: (number | null)[] = [];
    const complete = store.complete.bind(store);
    store.complete = (key, token, options) => {
      retained.push(options.retainMs);
      return complete(key, token, options);
    };
    return { store, retained };
  }

  it('keeps done keys 3 days for Standard Webhooks, and forever for a scheme with no signed time', async () => {
    const standard = recording();
    await ticketing({ store: standard.store }).handler.fetch(await delivery());
    expect(standard.retained).toEqual([3 * 24 * 3600_000]);

    const unsigned = recording();
    const scheme = { type: 'body-hmac', header: 'x-kler-signature' } as const;
    const { handler, tickets } = ticketing({ store: unsigned.store, scheme });
    const headers = await signWebhook({ payload: paymentBody(), secret: SECRET, scheme });
    const request = () => new Request('https://tickets.example/webhooks/kler', { method: 'POST', body: paymentBody(), headers });
    expect((await handler.fetch(request())).status).toBe(200);
    expect((await handler.fetch(request())).status).toBe(200);
    expect(unsigned.retained).toEqual([null]);
    expect(tickets.total).toBe(1);
  });

  it('refuses, when created, a retention that would let a replay run the work again', () => {
    const create = (options: Partial<WebhookHandlerOptions>) => () => createWebhookHandler({ secret: SECRET, ...options });
    expect(create({ scheme: { type: 'body-hmac', header: 'x-sig' }, retainMs: 86_400_000 })).toThrow(/retainMs must be null with the body-hmac scheme/);
    expect(create({ toleranceSeconds: Infinity, retainMs: 86_400_000 })).toThrow(/retainMs must be null with toleranceSeconds: Infinity/);
    expect(create({ retainMs: 0 })).toThrow(/retainMs must be a positive number of milliseconds, or null/);
  });

  it('refuses, when created, options it cannot work with', () => {
    expect(() => createWebhookHandler({ on: {} })).toThrow(KlerConfigurationError);
    expect(() => createWebhookHandler({ on: {} })).toThrow(/needs `secret`/);
    expect(() => createWebhookHandler({ secret: 'whsec_' })).toThrow(KlerConfigurationError);
    const claimsOnly: WebhookStore = { claim: async () => ({ status: 'done' }), complete: async () => true, release: async () => {} };
    expect(() => createWebhookHandler({ secret: SECRET, store: claimsOnly, mode: 'inbox' })).toThrow(/needs a WebhookInboxStore, but the store lacks enqueue, lease/);
    expect(() => createWebhookHandler({ secret: SECRET, leaseMs: -1 })).toThrow(/leaseMs must be a positive number of milliseconds/);
    expect(() => createWebhookHandler({ secret: SECRET, mode: 'queue' as never })).toThrow(/mode must be 'inline' or 'inbox'/);
  });
});

describe('createWebhookHandler: the body, before any verification', () => {
  it('answers 413 to a body over maxBodyBytes and stops reading it there', async () => {
    const { handler, tickets, events } = ticketing({ maxBodyBytes: 1_000 });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(100));
      },
    });
    const request = new Request('https://tickets.example/webhooks/kler', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    expect(await read(await handler.fetch(request))).toMatchObject({ status: 413, body: { error: 'body_too_large' } });
    expect(pulled).toBeLessThan(20);
    const declared = new Request('https://tickets.example/webhooks/kler', { method: 'POST', body: 'x'.repeat(1_001) });
    expect((await handler.fetch(declared)).status).toBe(413);
    expect(tickets.total).toBe(0);
    expect(events).toEqual([
      { type: 'rejected', reason: 'body_too_large', status: 413 },
      { type: 'rejected', reason: 'body_too_large', status: 413 },
    ]);
  });

  it('answers 408 to a body that does not arrive within bodyTimeoutMs', async () => {
    const { handler } = ticketing({ bodyTimeoutMs: 50 });
    const trickle = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"event":'));
      },
    });
    const request = new Request('https://tickets.example/webhooks/kler', { method: 'POST', body: trickle, duplex: 'half' } as RequestInit);
    expect(await read(await handler.fetch(request))).toMatchObject({ status: 408, body: { error: 'body_timeout' } });
  });

  it('answers 405 to anything but POST, and 500 with the fix to onError when the body was read before', async () => {
    const { handler, errors } = ticketing();
    const get = await handler.fetch(new Request('https://tickets.example/webhooks/kler'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const used = await delivery();
    await used.json();
    expect(await read(await handler.fetch(used))).toMatchObject({ status: 500, body: { error: 'body_already_read' } });
    expect(KlerConfigurationError.is(errors[0]!.error)).toBe(true);
    expect(String(errors[0]!.error)).toMatch(/Request body was already read.*handler\.fetch\(request\) with the untouched Request/s);
  });
});

describe('handler.receive({ body, headers }): the door for a raw body already in hand', () => {
  it('answers as the other doors do, and 413 past maxBodyBytes', async () => {
    const { handler, tickets } = ticketing({ maxBodyBytes: 2_000 });
    const body = paymentBody();
    const headers = await signWebhook({ payload: body, secret: SECRET, id: 'msg_1' });
    expect(await handler.receive({ body: new TextEncoder().encode(body), headers })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"status":"processed"}',
    });
    expect((await handler.receive({ body, headers })).status).toBe(200);
    expect((await handler.receive({ body: 'x'.repeat(2_001), headers })).status).toBe(413);
    expect(tickets.total).toBe(1);
  });
});
