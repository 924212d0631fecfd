import { describe, expect, it } from 'vitest';
import { KlerConfigurationError } from '../../src/core/errors.js';
import {
  createMemoryWebhookStore,
  createWebhookHandler,
  type WebhookErrorInfo,
  type WebhookHandlerEvent,
  type WebhookHandlerOptions,
} from '../../src/webhooks/index.js';
import { delivery, gate, paymentBody, read, SECRET, sleep, TicketOffice } from './handler-kit.js';

function inbox(options: Partial<WebhookHandlerOptions> = {}) {
  const tickets = new TicketOffice();
  const errors: { error: unknown; info: WebhookErrorInfo }[] = [];
  const events: WebhookHandlerEvent[] = [];
  const handler = createWebhookHandler({
    secret: SECRET,
    mode: 'inbox',
    retryDelayMs: 10,
    on: { 'transaction.received': (event) => tickets.issue(event.data.id) },
    onError: (error, info) => errors.push({ error, info }),
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { handler, tickets, errors, events };
}

describe('createWebhookHandler, inbox: recorded first, answered at once, worked from the store', () => {
  it('answers 202 before any work runs, and 200 to redeliveries; drain() then runs the work once', async () => {
    const { handler, tickets } = inbox();
    expect(await read(await handler.fetch(await delivery()))).toMatchObject({ status: 202, body: { status: 'enqueued' } });
    expect(await read(await handler.fetch(await delivery()))).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect(tickets.total).toBe(0);
    expect(await handler.drain()).toEqual({ processed: 1, failed: 0, deadLettered: 0, leaseLost: 0 });
    expect(tickets.issued).toEqual(new Map([['txn_01', 1]]));
    expect((await handler.fetch(await delivery())).status).toBe(200);
    expect(await handler.drain()).toEqual({ processed: 0, failed: 0, deadLettered: 0, leaseLost: 0 });
    expect(tickets.total).toBe(1);
  });

  it('retries failed work after a backoff, then dead-letters it after maxAttempts; replay() puts it back to work', async () => {
    let failing = true;
    const attempts: number[] = [];
    const { handler, tickets, events } = inbox({
      maxAttempts: 3,
      retryDelayMs: 100, // 50–100 ms, then 100–200 ms
      maxRetryDelayMs: 150,
      on: {
        'transaction.received': (event, { attempt }) => {
          attempts.push(attempt);
          if (failing) throw new Error(`ticket service down (attempt ${attempt})`);
          tickets.issue(event.data.id);
        },
      },
    });
    await handler.fetch(await delivery());
    expect(await handler.drain()).toMatchObject({ failed: 1 });
    expect(await handler.drain()).toMatchObject({ failed: 0, processed: 0 }); // waiting out the backoff
    for (let i = 0; i < 100 && attempts.length < 3; i++) {
      await sleep(25);
      await handler.drain();
    }
    expect(attempts).toEqual([1, 2, 3]);
    expect(events.filter((e) => e.type === 'failed' || e.type === 'dead_lettered').map((e) => e.type)).toEqual(['failed', 'failed', 'dead_lettered']);
    const dead = await handler.deadLetters();
    expect(dead).toEqual([
      expect.objectContaining({ key: 'transaction:txn_01:successful', state: 'dead', attempts: 3, lastError: 'Error: ticket service down (attempt 3)' }),
    ]);
    expect(JSON.parse(dead[0]!.event)).toMatchObject({ event: 'transaction.received', data: { id: 'txn_01' }, webhook_id: 'msg_1' });
    expect((await handler.fetch(await delivery())).status).toBe(200); // a dead letter is not lost: Kler need not come back

    failing = false;
    expect(await handler.replay('transaction:txn_01:successful')).toBe(true);
    expect(await handler.replay('transaction:txn_01:successful')).toBe(false);
    expect(await handler.drain()).toMatchObject({ processed: 1 });
    expect(await handler.deadLetters()).toEqual([]);
    expect(tickets.issued).toEqual(new Map([['txn_01', 1]]));
  });

  it('runs deliveries as they arrive with worker(), and stop() waits for the work in hand', async () => {
    const { handler, tickets } = inbox({ on: { 'transaction.received': async (event) => { await sleep(5); tickets.issue(event.data.id); } } });
    const worker = handler.worker({ pollMs: 5_000 }); // a delivery wakes it, not the poll
    for (let i = 0; i < 10; i++) expect((await handler.fetch(await delivery(paymentBody(`txn_${i}`), `msg_${i}`))).status).toBe(202);
    for (let i = 0; i < 50 && tickets.total < 10; i++) await sleep(10);
    await worker.stop();
    expect(tickets.total).toBe(10);
    expect([...tickets.issued.values()].every((n) => n === 1)).toBe(true);
  });

  it('finishes the work of a crashed worker: another handler on the same store takes it over after the lease, and the late finish is refused', async () => {
    const store = createMemoryWebhookStore();
    const held = gate();
    const errors: WebhookErrorInfo[] = [];
    const crashed = createWebhookHandler({
      secret: SECRET,
      store,
      mode: 'inbox',
      leaseMs: 60,
      onError: (_error, info) => errors.push(info),
      on: { 'transaction.received': () => held.promise },
    });
    expect((await crashed.fetch(await delivery())).status).toBe(202);
    const hung = crashed.drain();
    await sleep(10);

    const tickets = new TicketOffice();
    const survivor = createWebhookHandler({
      store,
      mode: 'inbox', // a worker-only handler: no secret needed
      leaseMs: 60,
      on: { 'transaction.received': (event, { attempt }) => void tickets.issue(`${event.data.id}@${attempt}`) },
    });
    expect(await survivor.drain()).toMatchObject({ processed: 0 }); // leased by the crashed one
    await sleep(120);
    expect(await survivor.drain()).toMatchObject({ processed: 1 });
    expect([...tickets.issued.keys()]).toEqual(['txn_01@2']);
    held.open();
    expect(await hung).toMatchObject({ leaseLost: 1, processed: 0 });
    expect(errors).toEqual([{ phase: 'lease_lost', key: 'transaction:txn_01:successful', attempt: 1 }]);
  });

  it('records events with no handler here too (another process may work them), and completes them when worked without one', async () => {
    const receiving = inbox({ on: {} });
    const body = JSON.stringify({ event: 'session.closed', session_id: 'sess_01' });
    expect((await receiving.handler.fetch(await delivery(body, 'msg_x'))).status).toBe(202);
    expect(await receiving.handler.drain()).toMatchObject({ processed: 1 });
    expect((await receiving.handler.fetch(await delivery(body, 'msg_x'))).status).toBe(200);
  });

  it('refuses the inbox controls on an inline handler, and deliveries on a handler with no secret', async () => {
    const inline = createWebhookHandler({ secret: SECRET });
    await expect(inline.drain()).rejects.toThrow(KlerConfigurationError);
    await expect(inline.deadLetters()).rejects.toThrow(/deadLetters\(\) works the inbox: create the handler with mode: 'inbox'/);
    expect(() => inline.worker()).toThrow(/worker\(\) works the inbox/);
    const errors: unknown[] = [];
    const workerOnly = createWebhookHandler({ mode: 'inbox', onError: (error) => errors.push(error) });
    expect(await read(await workerOnly.fetch(await delivery()))).toMatchObject({ status: 500, body: { error: 'not_configured' } });
    expect(String(errors[0])).toMatch(/no `secret`/);
  });
});

describe('stopping an inbox worker', () => {
  it('aborts the work in hand and hands it back without counting it a failure, so no deploy dead-letters anything', async () => {
    const store = createMemoryWebhookStore();
    const seen: { attempt: number; aborted: boolean }[] = [];
    const tickets = new TicketOffice();
    const options = {
      secret: SECRET,
      store,
      mode: 'inbox' as const,
      maxAttempts: 1,
      on: {
        'transaction.received': async (event: { data: { id: string } }, { attempt, signal }: { attempt: number; signal: AbortSignal }) => {
          if (attempt === 1) {
            await new Promise((resolve) => signal.addEventListener('abort', resolve));
            seen.push({ attempt, aborted: signal.aborted });
            signal.throwIfAborted();
          }
          tickets.issue(event.data.id);
        },
      },
    };
    const first = createWebhookHandler(options);
    const worker = first.worker({ pollMs: 5_000 });
    await first.fetch(await delivery());
    await sleep(30);
    await worker.stop();
    expect(seen).toEqual([{ attempt: 1, aborted: true }]);
    expect(await first.deadLetters()).toEqual([]);
    expect(await createWebhookHandler(options).drain()).toMatchObject({ processed: 1 });
    expect(tickets.total).toBe(1);
  });
});
