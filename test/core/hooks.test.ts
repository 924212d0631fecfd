import { delay } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  KlerClient,
  KlerConfigurationError,
  KlerConnectionError,
  KlerHookError,
  KlerNotFoundError,
  type KlerBeforeRetryContext,
  type KlerHooks,
  type SessionCreateParams,
} from '../../src/index.js';
import { sessionApiReference as session } from '../fixtures/documented.js';
import { API_KEY, json, makeClient, okJson, respondWith } from '../helpers.js';
import { refusedUrl } from '../loopback.js';

const create: SessionCreateParams = {
  external_event_id: 'evt_1',
  name: 'Lagos Music Festival',
  collection: { account: true, pos: false },
};
const unavailable = json({ message: 'down' }, { status: 503, headers: { 'retry-after': '0' } });

describe('beforeRequest', () => {
  it('adds headers to every attempt, retries included, and never sees the API key', async () => {
    const seen = respondWith(unavailable, okJson(session));
    const keys: (string | null)[] = [];
    const kler = makeClient({
      hooks: {
        beforeRequest: (ctx) => {
          keys.push(ctx.headers.get('x-api-key'));
          ctx.headers.set('x-correlation-id', `corr-${ctx.attempt}`);
        },
      },
    });
    await kler.sessions.retrieve('sess_1');
    expect(seen.map((r) => r.headers.get('x-correlation-id'))).toEqual(['corr-1', 'corr-2']);
    expect(seen.map((r) => r.headers.get('x-api-key'))).toEqual([API_KEY, API_KEY]);
    expect(keys).toEqual([null, null]);
  });

  it('is awaited before the attempt is sent', async () => {
    const seen = respondWith(okJson(session));
    await makeClient({
      hooks: {
        beforeRequest: async (ctx) => {
          await delay(30);
          ctx.headers.set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
        },
      },
    }).sessions.retrieve('sess_1');
    expect(seen[0]?.headers.get('traceparent')).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it('cannot set x-api-key: the call fails with KlerHookError and nothing is sent', async () => {
    const seen = respondWith(okJson(session));
    const error = await makeClient({ hooks: { beforeRequest: (ctx) => ctx.headers.set('x-api-key', 'sk_other_key_123') } })
      .sessions.retrieve('sess_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerHookError);
    expect((error as KlerHookError).hook).toBe('beforeRequest');
    expect((error as Error).message).toContain('set x-api-key');
    expect(seen).toHaveLength(0);
  });

  it('that throws on a POST stops it before sending: KlerHookError, mayHaveBeenProcessed false, the throw as cause', async () => {
    const seen = respondWith(okJson(session, 201));
    const boom = new Error('tracing backend unreachable');
    const error = await makeClient({
      hooks: {
        beforeRequest: async () => {
          await delay(5);
          throw boom;
        },
      },
    })
      .sessions.create(create)
      .catch((e: unknown) => e);
    expect(KlerHookError.is(error)).toBe(true);
    expect(error).toMatchObject({ name: 'KlerHookError', hook: 'beforeRequest', mayHaveBeenProcessed: false, cause: boom });
    expect((error as Error).message).toBe(
      'hooks.beforeRequest threw: tracing backend unreachable, so sessions.create stopped at POST /v1/sessions (attempt 1). The request was not sent, so Kler did not process it.',
    );
    expect(seen).toHaveLength(0);
  });

  it('does not count toward the timeout', async () => {
    respondWith(okJson(session));
    const kler = makeClient({ timeout: 500, hooks: { beforeRequest: () => delay(800) } });
    await expect(kler.sessions.retrieve('sess_1')).resolves.toMatchObject({ session_id: session.session_id });
  });
});

describe('the hooks around one call, in order', () => {
  it('beforeRequest, afterResponse, beforeRetry (reason, status, delay), and again for the retry', async () => {
    respondWith(json({ message: 'down' }, { status: 503, headers: { 'retry-after': '0', 'x-request-id': 'req_a' } }), okJson(session));
    const events: string[] = [];
    const hooks: KlerHooks = {
      beforeRequest: (ctx) => void events.push(`beforeRequest ${ctx.attempt} ${ctx.operation} ${ctx.method} ${ctx.urlTemplate}`),
      afterResponse: async (ctx) => {
        await delay(5);
        events.push(`afterResponse ${ctx.attempt} ${ctx.status} ${ctx.requestId ?? '-'} ${typeof ctx.durationMs}`);
      },
      beforeRetry: (ctx) => void events.push(`beforeRetry ${ctx.attempt} ${ctx.reason} ${ctx.status} ${ctx.delayMs}`),
      onError: () => void events.push('onError'),
    };
    await makeClient({ hooks }).sessions.retrieve('sess_1');
    expect(events).toEqual([
      'beforeRequest 1 sessions.retrieve GET /v1/sessions/{session_id}',
      'afterResponse 1 503 req_a number',
      'beforeRetry 2 status 503 0',
      'beforeRequest 2 sessions.retrieve GET /v1/sessions/{session_id}',
      'afterResponse 2 200 - number',
    ]);
  });

  it('afterResponse sees what a server echoed of the API key redacted, in headers and the request id', async () => {
    respondWith(json({ success: true, data: session }, { headers: { 'x-request-id': API_KEY, 'x-echo': `key=${API_KEY}` } }));
    const seen: string[] = [];
    await makeClient({
      hooks: { afterResponse: (ctx) => void seen.push(ctx.requestId ?? '', ctx.headers.get('x-echo') ?? '', ctx.url) },
    }).sessions.retrieve(API_KEY);
    expect(seen).toEqual(['[redacted]', 'key=[redacted]', 'https://api.kler.test/v1/sessions/[redacted]']);
  });

  it('beforeRetry on a POST after a 429 knows Kler did not act; a hook failing there sends nothing more', async () => {
    const seen = respondWith(json({ message: 'slow down' }, { status: 429, headers: { 'retry-after': '0' } }), okJson(session, 201));
    const retries: KlerBeforeRetryContext[] = [];
    const error = await makeClient({
      hooks: {
        beforeRetry: (ctx) => {
          retries.push(ctx);
          throw new Error('circuit open');
        },
      },
    })
      .sessions.create(create)
      .catch((e: unknown) => e);
    expect(retries.map((r) => [r.reason, r.status, r.delayMs, r.pathParams])).toEqual([['status', 429, 0, {}]]);
    expect(error).toMatchObject({ name: 'KlerHookError', hook: 'beforeRetry', mayHaveBeenProcessed: false });
    expect(seen).toHaveLength(1);
  });

  it('a POST whose connection was refused is retried with reason connection, and onError hears it was never processed', async () => {
    const events: string[] = [];
    const kler = new KlerClient({
      apiKey: API_KEY,
      baseUrl: await refusedUrl(),
      maxRetries: 1,
      hooks: {
        beforeRetry: (ctx) => void events.push(`beforeRetry ${ctx.attempt} ${ctx.reason} ${ctx.status}`),
        onError: (ctx) => void events.push(`onError ${ctx.error.name} ${(ctx.error as KlerConnectionError).mayHaveBeenProcessed}`),
      },
    });
    const error = await kler.sessions.create(create).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerConnectionError);
    expect(events).toEqual(['beforeRetry 2 connection undefined', 'onError KlerConnectionError false']);
  });

  it('afterResponse throwing after a POST was answered says Kler may have acted', async () => {
    respondWith(okJson(session, 201));
    const error = await makeClient({
      hooks: {
        afterResponse: () => {
          throw new Error('metrics down');
        },
      },
    })
      .sessions.create(create)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KlerHookError', hook: 'afterResponse', mayHaveBeenProcessed: true });
    expect((error as Error).message).toContain('Kler may already have processed the request.');
  });

  it('onError receives the typed error the call rejects with', async () => {
    respondWith(json({ message: 'no such session' }, { status: 404 }));
    const errors: unknown[] = [];
    const error = await makeClient({ hooks: { onError: (ctx) => void errors.push(ctx.error) } })
      .sessions.retrieve('sess_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerNotFoundError);
    expect(errors).toEqual([error]);
  });

  it('onError throwing turns into KlerHookError, its cause what the hook threw', async () => {
    respondWith(json({ message: 'no such session' }, { status: 404 }));
    const boom = new Error('reporter down');
    const error = await makeClient({
      hooks: {
        onError: () => {
          throw boom;
        },
      },
    })
      .sessions.retrieve('sess_1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KlerHookError', hook: 'onError', cause: boom, mayHaveBeenProcessed: true });
  });
});

describe('per-call hooks', () => {
  it("run after the client's", async () => {
    const seen = respondWith(okJson(session));
    const order: string[] = [];
    const kler = makeClient({ hooks: { beforeRequest: (ctx) => void (order.push('client'), ctx.headers.set('x-tag', 'client')) } });
    await kler.sessions.retrieve('sess_1', {
      hooks: { beforeRequest: (ctx) => void (order.push('call'), ctx.headers.set('x-tag', `${ctx.headers.get('x-tag')}+call`)) },
    });
    expect(order).toEqual(['client', 'call']);
    expect(seen[0]?.headers.get('x-tag')).toBe('client+call');
  });
});

describe('a misspelt or mistyped hook fails loudly', () => {
  it('on the client, at construction', () => {
    expect(() => makeClient({ hooks: { beforeResponse: () => undefined } as never })).toThrow(KlerConfigurationError);
    expect(() => makeClient({ hooks: { beforeResponse: () => undefined } as never })).toThrow(
      'hooks.beforeResponse is not a hook; the hooks are beforeRequest, afterResponse, beforeRetry, onError.',
    );
    expect(() => makeClient({ hooks: { onError: 'log' } as never })).toThrow('hooks.onError must be a function, got string.');
  });

  it('a class instance may carry other fields; its hook methods run', async () => {
    const seen = respondWith(okJson(session));
    class CorrelationHooks {
      constructor(readonly prefix: string) {}
      beforeRequest(ctx: { headers: Headers; attempt: number }): void {
        ctx.headers.set('x-correlation-id', `${this.prefix}-${ctx.attempt}`);
      }
    }
    await makeClient({ hooks: new CorrelationHooks('checkout') }).sessions.retrieve('sess_1');
    expect(seen[0]?.headers.get('x-correlation-id')).toBe('checkout-1');
  });

  it('on a call, before anything is sent', async () => {
    const seen = respondWith(okJson(session));
    await expect(makeClient().sessions.retrieve('sess_1', { hooks: { afterRequest: () => undefined } as never })).rejects.toThrow(
      KlerConfigurationError,
    );
    expect(seen).toHaveLength(0);
  });
});
