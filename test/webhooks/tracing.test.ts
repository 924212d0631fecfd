/**
 * The webhook handler's `tracer` option: one `kler.webhooks.handle` span per delivery through
 * every door, ended with the outcome `onEvent` reports, and a `kler.webhooks.work` span per inbox
 * work attempt; read back with the OpenTelemetry SDK's in-memory exporter.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { KlerConfigurationError } from '../../src/core/errors.js';
import { createMemoryWebhookStore, createWebhookHandler, signWebhook, type WebhookHandlerOptions } from '../../src/webhooks/index.js';
import { recordSpans } from '../span-recorder.js';
import { delivery, gate, paymentBody, read, SECRET, sleep } from './handler-kit.js';

const { tracer, provider, spans, named } = recordSpans();

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

const handled = () => named('kler.webhooks.handle');

class TicketingDown extends Error {
  override name = 'TicketingDown';
}

const traced = (options: Partial<WebhookHandlerOptions> = {}) =>
  createWebhookHandler({ secret: SECRET, tracer, onError: () => undefined, on: { 'transaction.received': () => undefined }, ...options });

describe('with a tracer, each delivery is a kler.webhooks.handle span', () => {
  it('names the delivery, its event type and its outcome; a redelivery is a second span, duplicate', async () => {
    const handler = traced();
    expect((await read(await handler.fetch(await delivery()))).body).toEqual({ status: 'processed' });
    expect((await read(await handler.fetch(await delivery()))).body).toEqual({ status: 'duplicate' });
    const [first, second] = handled();
    expect(handled()).toHaveLength(2);
    expect(first?.kind).toBe(SpanKind.INTERNAL);
    expect(first?.attributes).toEqual({
      'kler.webhook.id': 'msg_1',
      'kler.webhook.event': 'transaction.received',
      'kler.webhook.outcome': 'processed',
      'http.response.status_code': 200,
    });
    expect(first?.status.code).toBe(SpanStatusCode.UNSET);
    expect(second?.attributes).toMatchObject({ 'kler.webhook.outcome': 'duplicate', 'http.response.status_code': 200 });
  });

  it('a failing handler gives an error status with the error class as error.type', async () => {
    const handler = traced({ on: { 'transaction.received': () => Promise.reject(new TicketingDown('ticket service unreachable')) } });
    expect((await handler.fetch(await delivery())).status).toBe(500);
    const [span] = handled();
    expect(span?.attributes).toMatchObject({ 'kler.webhook.outcome': 'failed', 'error.type': 'TicketingDown', 'http.response.status_code': 500 });
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'ticket service unreachable' });
  });

  it('a forged delivery is rejected with its reason, not an error of ours; an unhandled type is ignored', async () => {
    const handler = traced({ on: {} });
    const forged = await delivery(paymentBody(), 'msg_9', 'whsec_' + Buffer.from('not the secret, not at all').toString('base64'));
    expect((await handler.fetch(forged)).status).toBe(401);
    expect((await handler.fetch(await delivery())).status).toBe(200);
    const [rejected, ignored] = handled();
    expect(rejected?.attributes).toEqual({
      'kler.webhook.id': 'msg_9',
      'kler.webhook.outcome': 'rejected',
      'kler.webhook.reason': 'no_matching_signature',
      'http.response.status_code': 401,
    });
    expect(rejected?.status.code).toBe(SpanStatusCode.UNSET);
    expect(ignored?.attributes['kler.webhook.outcome']).toBe('ignored');
  });

  it('a redelivery while the work runs is in_progress', async () => {
    const held = gate();
    const entered = gate();
    const handler = traced({
      on: {
        'transaction.received': () => {
          entered.open();
          return held.promise;
        },
      },
    });
    const first = handler.fetch(await delivery());
    await entered.promise;
    expect((await handler.fetch(await delivery())).status).toBe(409);
    held.open();
    await first;
    expect(handled().map((s) => s.attributes['kler.webhook.outcome'])).toEqual(['in_progress', 'processed']);
  });

  it('is a child of the span active where the handler is called (the server span)', async () => {
    const handler = traced();
    const request = await delivery();
    await tracer.startActiveSpan('POST /webhooks/kler', async (server) => {
      await handler.fetch(request);
      server.end();
    });
    const [server] = named('POST /webhooks/kler');
    const [span] = handled();
    expect(span?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    expect(span?.spanContext().traceId).toBe(server?.spanContext().traceId);
  });

  it('goes through the receive door and the Node door too, including a body too large and a wrong method', async () => {
    const handler = traced({ maxBodyBytes: 10_000 });
    const body = paymentBody('txn_02');
    const headers = await signWebhook({ payload: body, secret: SECRET, id: 'msg_2' });
    expect((await handler.receive({ body, headers })).status).toBe(200);
    expect((await handler.receive({ body: 'x'.repeat(10_001), headers })).status).toBe(413);

    const server: Server = createServer((req, res) => void handler.node(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const nodeBody = paymentBody('txn_03');
    const signed = await signWebhook({ payload: nodeBody, secret: SECRET, id: 'msg_3' });
    expect((await fetch(url, { method: 'POST', body: nodeBody, headers: signed })).status).toBe(200);
    expect((await fetch(url, { method: 'GET' })).status).toBe(405);

    expect(handled().map((s) => [s.attributes['kler.webhook.id'], s.attributes['kler.webhook.outcome'], s.attributes['http.response.status_code']])).toEqual([
      ['msg_2', 'processed', 200],
      ['msg_2', 'rejected', 413],
      ['msg_3', 'processed', 200],
      [undefined, 'rejected', 405],
    ]);
  });

  it('puts no secret, signature or body on any span', async () => {
    const handler = traced({ on: { 'transaction.received': () => Promise.reject(new TicketingDown('down')) } });
    const request = await delivery();
    const signature = request.headers.get('webhook-signature')!;
    await handler.fetch(request);
    await handler.fetch(await delivery(paymentBody(), 'msg_5', 'whsec_' + Buffer.from('another secret of 24 b').toString('base64')));
    const values = handled().flatMap((s) => [...Object.values(s.attributes).map(String), s.status.message ?? '']);
    expect(values.length).toBeGreaterThan(6);
    const secretBytes = SECRET.slice('whsec_'.length);
    for (const value of values) {
      expect(value).not.toContain(secretBytes);
      expect(value).not.toContain(signature.split(',')[1]);
      expect(value).not.toContain('5000.00');
    }
  });

  it('accepts a TracerProvider, and refuses something that is not a tracer', () => {
    expect(() => createWebhookHandler({ secret: SECRET, tracer: provider })).not.toThrow();
    expect(() => createWebhookHandler({ secret: SECRET, tracer: {} as never })).toThrow(KlerConfigurationError);
    expect(() => createWebhookHandler({ secret: SECRET, tracer: {} as never })).toThrow(/tracer must be an OpenTelemetry Tracer or TracerProvider/);
  });
});

describe('with a tracer, the inbox is traced too', () => {
  it('a delivery is enqueued; each work attempt drain() runs is a kler.webhooks.work span, failed then processed', async () => {
    let calls = 0;
    const handler = traced({
      mode: 'inbox',
      store: createMemoryWebhookStore(),
      retryDelayMs: 1,
      maxRetryDelayMs: 1,
      on: {
        'transaction.received': () => {
          calls += 1;
          if (calls === 1) throw new TicketingDown('first try fails');
        },
      },
    });
    expect((await handler.fetch(await delivery())).status).toBe(202);
    expect(handled()[0]?.attributes).toMatchObject({ 'kler.webhook.outcome': 'enqueued', 'http.response.status_code': 202 });
    await handler.drain();
    await sleep(10);
    await handler.drain();
    const work = named('kler.webhooks.work');
    expect(work.map((s) => s.attributes)).toEqual([
      {
        'kler.webhook.key': 'transaction:txn_01:successful',
        'kler.webhook.attempt': 1,
        'kler.webhook.id': 'msg_1',
        'kler.webhook.event': 'transaction.received',
        'kler.webhook.outcome': 'failed',
        'error.type': 'TicketingDown',
      },
      {
        'kler.webhook.key': 'transaction:txn_01:successful',
        'kler.webhook.attempt': 2,
        'kler.webhook.id': 'msg_1',
        'kler.webhook.event': 'transaction.received',
        'kler.webhook.outcome': 'processed',
      },
    ]);
    expect(work.map((s) => s.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.UNSET]);
  });

  it('without a tracer, no span at all', async () => {
    const handler = createWebhookHandler({ secret: SECRET, on: { 'transaction.received': () => undefined } });
    await handler.fetch(await delivery());
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(spans()).toEqual([]);
  });
});
