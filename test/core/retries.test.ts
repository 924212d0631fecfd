import { delay, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KlerAbortError,
  KlerClient,
  KlerConnectionError,
  KlerInternalServerError,
  KlerRateLimitError,
  KlerTimeoutError,
} from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { API_KEY, json, makeClient, okJson, respondWith } from '../helpers.js';
import { refusedUrl, startLoopback } from '../loopback.js';

const create = {
  external_event_id: 'evt_1',
  name: 'Gate A',
  collection: { account: true, pos: false },
};
const status = (code: number, headers?: Record<string, string>) =>
  json({ message: `status ${code}` }, { status: code, headers });

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('GET is retried on transient failures', () => {
  it('503, 503, then 200 succeeds after exactly 3 requests', async () => {
    const seen = respondWith(status(503), status(503), okJson(docs.sessionQuickstart));
    const session = await makeClient().sessions.retrieve('sess_01HZX');
    expect(session.session_id).toBe('sess_01HZX');
    expect(seen).toHaveLength(3);
  });

  it('gives up after maxRetries and throws the last status as KlerInternalServerError', async () => {
    const seen = respondWith(status(502));
    const error = await makeClient({ maxRetries: 1 }).sessions.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInternalServerError);
    expect((error as KlerInternalServerError).status).toBe(502);
    expect(seen).toHaveLength(2);
  });

  it('maxRetries: 0 per request makes exactly one attempt', async () => {
    const seen = respondWith(status(503));
    await expect(makeClient().sessions.retrieve('s', { maxRetries: 0 })).rejects.toThrow(KlerInternalServerError);
    expect(seen).toHaveLength(1);
  });

  it('429 with Retry-After: 1 waits about a second before the retry', async () => {
    const times: number[] = [];
    const seen = respondWith(
      () => {
        times.push(Date.now());
        return HttpResponse.json({ message: 'slow down' }, { status: 429, headers: { 'retry-after': '1' } });
      },
      () => {
        times.push(Date.now());
        return HttpResponse.json({ success: true, data: docs.sessionQuickstart });
      },
    );
    await makeClient().sessions.retrieve('s');
    expect(seen).toHaveLength(2);
    const waited = (times[1] ?? 0) - (times[0] ?? 0);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(3000);
  });

  it('a Retry-After longer than a minute is not waited out: the caller gets retryAfter', async () => {
    const seen = respondWith(status(429, { 'retry-after': '3600' }));
    const error = await makeClient().sessions.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerRateLimitError);
    expect((error as KlerRateLimitError).retryAfter).toBe(3_600_000);
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['ratelimit-reset: 90 (seconds)', { 'ratelimit-reset': '90' }, 90_000],
    ['x-ratelimit-reset: an epoch an hour ahead', { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }, 3_600_000],
    ['x-rate-limit-reset: 120', { 'x-rate-limit-reset': '120' }, 120_000],
  ])('a 429 with %s and no Retry-After is not waited out either (ky would sleep on it)', async (_, headers, expected) => {
    const seen = respondWith(status(429, headers));
    const started = Date.now();
    const error = await makeClient().sessions.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerRateLimitError);
    expect((error as KlerRateLimitError).retryAfter).toBeGreaterThan(expected - 5_000);
    expect((error as KlerRateLimitError).retryAfter).toBeLessThanOrEqual(expected);
    expect(seen).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a 429 with a short ratelimit-reset is waited for, then retried', async () => {
    const seen = respondWith(status(429, { 'ratelimit-reset': '1' }), okJson(docs.sessionQuickstart));
    const started = Date.now();
    await expect(makeClient().sessions.retrieve('s')).resolves.toMatchObject({ session_id: 'sess_01HZX' });
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('a GET that timed out is retried', async () => {
    const seen = respondWith(async () => {
      if (seen.length === 1) await delay(1000);
      return HttpResponse.json({ success: true, data: docs.sessionQuickstart });
    });
    const session = await makeClient({ timeout: 150, maxRetries: 1 }).sessions.retrieve('s');
    expect(session.session_id).toBe('sess_01HZX');
    expect(seen).toHaveLength(2);
  });
});

describe('POST and PATCH are never retried once Kler may have processed them', () => {
  it('POST answered 500 makes exactly one request and says Kler may have processed it', async () => {
    const seen = respondWith(status(500));
    const error = await makeClient().sessions.create(create).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInternalServerError);
    expect((error as Error).message).toMatch(/not retried.*may have processed/i);
    expect(seen).toHaveLength(1);
  });

  it('PATCH answered 503 makes exactly one request', async () => {
    const seen = respondWith(status(503));
    await expect(makeClient().sessions.close('s')).rejects.toThrow(KlerInternalServerError);
    expect(seen).toHaveLength(1);
  });

  it('POST whose connection is reset after sending makes one request; the error says it may have been processed', async () => {
    const server = await startLoopback((req) => req.socket.destroy());
    closers.push(server.close);
    const kler = new KlerClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await kler.sessions.create(create).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerConnectionError);
    expect((error as KlerConnectionError).mayHaveBeenProcessed).toBe(true);
    expect((error as Error).message).toMatch(/may have processed/);
    expect(server.requests).toBe(1);
  });

  it('POST that timed out makes one request and is reported as possibly processed', async () => {
    const seen = respondWith(async () => {
      await delay(1000);
      return HttpResponse.json({ success: true, data: docs.sessionApiReference });
    });
    const error = await makeClient({ timeout: 100 }).sessions.create(create).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerTimeoutError);
    expect((error as KlerTimeoutError).mayHaveBeenProcessed).toBe(true);
    expect((error as Error).message).toContain('within 100 ms');
    expect(seen).toHaveLength(1);
  });

  it('POST answered 429 is retried (Kler rejected it before processing)', async () => {
    const seen = respondWith(status(429, { 'retry-after': '0' }), okJson(docs.sessionApiReference, 201));
    const session = await makeClient().sessions.create(create);
    expect(session.session_id).toBe('3f1e2d9a8b7c');
    expect(seen).toHaveLength(2);
  });

  it('POST whose connection was refused is retried, and the error says it was never processed', async () => {
    let attempts = 0;
    const kler = new KlerClient({
      apiKey: API_KEY,
      baseUrl: await refusedUrl(),
      maxRetries: 1,
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    });
    const error = await kler.sessions.create(create).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerConnectionError);
    expect((error as KlerConnectionError).mayHaveBeenProcessed).toBe(false);
    expect((error as Error).message).toMatch(/never sent/);
    expect(attempts).toBe(2);
  });
});

describe('timeouts and cancellation', () => {
  it('a per-request timeout overrides the client timeout', async () => {
    respondWith(async () => {
      await delay(1000);
      return HttpResponse.json({ success: true, data: docs.sessionQuickstart });
    });
    const error = await makeClient({ timeout: 30_000 })
      .sessions.retrieve('s', { timeout: 100, maxRetries: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerTimeoutError);
  });

  it('an AbortSignal cancels the request with KlerAbortError', async () => {
    respondWith(async () => {
      await delay(1000);
      return HttpResponse.json({ success: true, data: docs.sessionQuickstart });
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await makeClient().sessions.retrieve('s', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerAbortError);
    expect(KlerConnectionError.is(error)).toBe(true);
    // The request had reached the server, so Kler may have seen it (as the field documents).
    expect((error as KlerAbortError).mayHaveBeenProcessed).toBe(true);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('an AbortSignal also cancels a retry that is waiting', async () => {
    const seen = respondWith(status(503));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await makeClient().sessions.retrieve('s', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerAbortError);
    expect(seen).toHaveLength(1);
  });
});
