/**
 * Every response is bounded: in size (`maxResponseBytes`, 2xx included, endless bodies too), in
 * time (the timeout covers reading the body), in nesting depth; and a body that breaks off
 * mid-read is a network failure (retried on GET, in doubt on POST). Real loopback servers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { KlerConnectionError, KlerResponseValidationError, KlerTimeoutError, KlerAPIError } from '../../src/core/errors.js';
import { KlerResponseTooLargeError } from '../../src/core/body.js';
import { startLoopback } from '../loopback.js';

const envelope = (data: unknown) => JSON.stringify({ success: true, data });
const session = { session_id: 'sess_1', status: 'active' };
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function serve(handler: Parameters<typeof startLoopback>[0]) {
  const server = await startLoopback(handler);
  closers.push(server.close);
  return server;
}

const client = (baseUrl: string, options: Partial<ConstructorParameters<typeof KlerClient>[0]> = {}) =>
  new KlerClient({ apiKey: 'sk_test_bounded_body_key', baseUrl, maxRetries: 0, ...options });

describe('maxResponseBytes', () => {
  it('refuses a 2xx body larger than the client cap, naming the cap and how to raise it', async () => {
    const big = envelope({ ...session, padding: 'x'.repeat(10_000) });
    const server = await serve((_req, res) => res.end(big));
    const error = await client(server.url, { maxResponseBytes: 4_096 }).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(KlerResponseTooLargeError.is(error)).toBe(true);
    const e = error as KlerResponseTooLargeError;
    expect(e.maxResponseBytes).toBe(4_096);
    expect(e.status).toBe(200);
    expect(e.message).toContain('4096 bytes');
    expect(e.message).toContain('maxResponseBytes');
  });

  it('applies the per-request cap over the client one', async () => {
    const body = envelope({ ...session, padding: 'x'.repeat(2_000) });
    const server = await serve((_req, res) => res.end(body));
    const kler = client(server.url);
    await expect(kler.sessions.retrieve('sess_1')).resolves.toMatchObject(session);
    const error = await kler.sessions.retrieve('sess_1', { maxResponseBytes: 1_000 }).catch((e: unknown) => e);
    expect(KlerResponseTooLargeError.is(error)).toBe(true);
  });

  it('caps error bodies too', async () => {
    const server = await serve((_req, res) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ message: 'x'.repeat(10_000) }));
    });
    const error = await client(server.url, { maxResponseBytes: 1_000 }).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(KlerResponseTooLargeError.is(error)).toBe(true);
    expect((error as KlerResponseTooLargeError).status).toBe(500);
  });

  it('stops reading an endless body at the cap and closes the connection', async () => {
    let closed = false;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16_384, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => (closed = true));
      res.write('{"success":true,"data":"');
      pump();
    });
    const error = await client(server.url, { maxResponseBytes: 256 * 1024 }).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(KlerResponseTooLargeError.is(error)).toBe(true);
    await expect.poll(() => closed, { timeout: 5_000 }).toBe(true);
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(10_000_000) });
      res.write('{');
    });
    const error = await client(server.url, { maxResponseBytes: 1_000 }).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(KlerResponseTooLargeError.is(error)).toBe(true);
    expect((error as Error).message).toContain('declares 10000000 bytes');
  });

  it('is refused when not a positive whole number, naming the option', () => {
    for (const value of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => client('http://127.0.0.1:9/v1', { maxResponseBytes: value })).toThrow(/maxResponseBytes/);
    }
  });
});

describe('the timeout covers reading the body', () => {
  it('times out an attempt whose headers and body each come within the timeout but not both', async () => {
    const server = await serve((_req, res) => {
      const timers = [
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"success":true,');
        }, 250),
        // Headers after 250 ms, the rest 250 ms later: a separate timeout for the body would pass it.
        setTimeout(() => res.end(`"data":${JSON.stringify(session)}}`), 500),
      ];
      res.on('close', () => timers.forEach(clearTimeout));
    });
    const error = await client(server.url, { timeout: 300 }).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(KlerTimeoutError.is(error)).toBe(true);
  });
});

describe('a body that breaks off mid-read', () => {
  const breakOff = (attempts: { n: number }) => (_req: unknown, res: import('node:http').ServerResponse) => {
    attempts.n++;
    if (attempts.n === 1) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"success":true,"data":{"session_id"');
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.end(envelope(session));
  };

  it('is retried on a GET, like any network failure', async () => {
    const attempts = { n: 0 };
    const server = await serve(breakOff(attempts));
    const kler = client(server.url, { maxRetries: 1 });
    await expect(kler.sessions.retrieve('sess_1')).resolves.toMatchObject(session);
    expect(attempts.n).toBe(2);
  });

  it('is not retried on a POST, and says Kler may have processed it', async () => {
    const attempts = { n: 0 };
    const server = await serve(breakOff(attempts));
    const kler = client(server.url, { maxRetries: 2 });
    const error = await kler.sessions.close('sess_1').catch((e: unknown) => e);
    expect(KlerConnectionError.is(error)).toBe(true);
    expect((error as KlerConnectionError).mayHaveBeenProcessed).toBe(true);
    expect((error as Error).message).toMatch(/broke off/);
    expect(attempts.n).toBe(1);
  });
});

describe('deeply nested JSON', () => {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

  it('in a 2xx body is a KlerResponseValidationError, not a RangeError', async () => {
    const server = await serve((_req, res) => res.end(`{"success":true,"data":${deep(100_000)}}`));
    const error = await client(server.url).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(KlerResponseValidationError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/nest/);
  });

  it('in an error body keeps the status error, with the body as text', async () => {
    const server = await serve((_req, res) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json');
      res.end(`{"message":${deep(100_000)}}`);
    });
    const error = await client(server.url).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(KlerAPIError.is(error)).toBe(true);
    expect((error as KlerAPIError).status).toBe(400);
    expect(JSON.stringify(error)).toBeTypeOf('string');
  });
});

describe('per-call maxRetries in a long-running process', () => {
  it('is honoured for many distinct values, past the client cache of ky instances', async () => {
    const server = await serve((_req, res) => {
      res.statusCode = 503;
      res.setHeader('retry-after', '0');
      res.end('{"message":"down"}');
    });
    const kler = client(server.url);
    for (const maxRetries of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 3]) {
      const before = server.requests;
      await kler.sessions.retrieve('sess_1', { maxRetries }).catch(() => undefined);
      expect(server.requests - before).toBe(maxRetries + 1);
    }
  }, 60_000);
});
