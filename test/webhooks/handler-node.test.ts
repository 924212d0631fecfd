/**
 * The Node door, over real HTTP on loopback: node:http, Express and Fastify, raw bodies read by
 * the handler itself, and the fix told when a body parser got there first.
 */
import express from 'express';
import Fastify from 'fastify';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KlerConfigurationError } from '../../src/core/errors.js';
import { createWebhookHandler, signWebhook, type WebhookHandler } from '../../src/webhooks/index.js';
import { paymentBody, SECRET, TicketOffice } from './handler-kit.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/kler`;
}

function ticketing(options: { maxBodyBytes?: number; bodyTimeoutMs?: number } = {}) {
  const tickets = new TicketOffice();
  const errors: unknown[] = [];
  const handler = createWebhookHandler({
    secret: SECRET,
    on: { 'transaction.received': (event) => tickets.issue(event.data.id) },
    onError: (error) => errors.push(error),
    ...options,
  });
  return { handler, tickets, errors };
}

async function post(url: string, body = paymentBody(), tamper = (b: string) => b): Promise<{ status: number; body: unknown }> {
  const headers = await signWebhook({ payload: body, secret: SECRET, id: 'msg_1' });
  const response = await fetch(url, { method: 'POST', body: tamper(body), headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

const nodeServer = (handler: WebhookHandler) => createServer((req, res) => void handler.node(req, res));

describe('handler.node(req, res)', () => {
  it('serves node:http: verified once, deduped, forgery refused', async () => {
    const { handler, tickets } = ticketing();
    const url = await listen(nodeServer(handler));
    expect(await post(url)).toEqual({ status: 200, body: { status: 'processed' } });
    expect(await post(url)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(await post(url, paymentBody(), (b) => b.replace('"5000.00"', '"50000.00"'))).toEqual({ status: 401, body: { error: 'no_matching_signature' } });
    expect(tickets.total).toBe(1);
  });

  it('answers 413 to a body declared over maxBodyBytes without reading it', async () => {
    const { handler, tickets } = ticketing({ maxBodyBytes: 1_000 });
    const url = new URL(await listen(nodeServer(handler)));
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-length': String(10_000_000) } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write('x'.repeat(1_000)); // the rest never comes: the answer must not wait for it
    });
    expect(status).toBe(413);
    expect(tickets.total).toBe(0);
  });

  it('answers 413 once a body without content-length passes maxBodyBytes, and 408 to a body that stalls', async () => {
    const { handler } = ticketing({ maxBodyBytes: 1_000, bodyTimeoutMs: 80 });
    const url = new URL(await listen(nodeServer(handler)));
    const send = (chunks: string[]) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(url, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
      });
    expect(await send(['x'.repeat(600), 'x'.repeat(600)])).toBe(413);
    expect(await send(['{"event":'])).toBe(408);
  });

  it('serves Express on a route before express.json(), and with express.raw()', async () => {
    const { handler, tickets } = ticketing();
    const app = express();
    app.post('/webhooks/kler', (req, res) => handler.node(req, res));
    app.post('/raw/webhooks/kler', express.raw({ type: 'application/json' }), (req, res) => handler.node(req, res));
    app.use(express.json());
    const url = await listen(createServer(app));
    expect((await post(url)).status).toBe(200);
    expect(await post(url.replace('/webhooks', '/raw/webhooks'), paymentBody('txn_02'))).toEqual({ status: 200, body: { status: 'processed' } });
    expect([...tickets.issued.keys()]).toEqual(['txn_01', 'txn_02']);
  });

  it('answers 500 behind an app-wide express.json(), and tells onError exactly what to change', async () => {
    const { handler, tickets, errors } = ticketing();
    const app = express();
    app.use(express.json());
    app.post('/webhooks/kler', (req, res) => handler.node(req, res));
    const url = await listen(createServer(app));
    expect(await post(url)).toEqual({ status: 500, body: { error: 'body_already_read' } });
    expect(tickets.total).toBe(0);
    expect(KlerConfigurationError.is(errors[0])).toBe(true);
    expect(String(errors[0])).toContain('a body parser already turned it into req.body (an Object)');
    expect(String(errors[0])).toContain("express.raw({ type: 'application/json' })");
  });

  it('serves Fastify with a pass-through content-type parser and reply.hijack(), and names the fix when Fastify parsed the body', async () => {
    const { handler, tickets, errors } = ticketing();
    const app = Fastify();
    await app.register(async (webhooks) => {
      webhooks.addContentTypeParser('application/json', (_request, _payload, done) => done(null));
      webhooks.post('/webhooks/kler', async (request, reply) => {
        reply.hijack();
        await handler.node(request.raw, reply.raw);
      });
    });
    app.post('/parsed/webhooks/kler', async (request, reply) => {
      reply.hijack();
      await handler.node(request.raw, reply.raw);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    expect(await post(`${base}/webhooks/kler`)).toEqual({ status: 200, body: { status: 'processed' } });
    expect(await post(`${base}/parsed/webhooks/kler`, paymentBody('txn_02'))).toEqual({ status: 500, body: { error: 'body_already_read' } });
    expect(tickets.total).toBe(1);
    expect(String(errors[0])).toContain('Fastify: in the webhook route');
  });
});
