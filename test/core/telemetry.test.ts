import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { propagation, SpanKind, SpanStatusCode, trace, type TextMapPropagator } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KlerClient, KlerNotFoundError, KlerTimeoutError, VERSION } from '../../src/index.js';
import { sessionApiReference as session, transaction } from '../fixtures/documented.js';
import { startDeliverySpan } from '../../src/core/telemetry.js';
import { API_KEY, json, makeClient, okJson, respondWith } from '../helpers.js';
import { BASE_URL, server } from '../msw-server.js';
import { recordSpans } from '../span-recorder.js';

const { tracer, provider, spans, named } = recordSpans();
const only = (name: string): ReadableSpan => {
  const found = named(name);
  expect(found, `${name} among ${spans().map((s) => s.name).join(', ')}`).toHaveLength(1);
  return found[0] as ReadableSpan;
};
const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;
const unavailable = json({ message: 'down' }, { status: 503, headers: { 'retry-after': '0' } });

describe('with a tracer, each SDK call is a span with a client span per HTTP attempt', () => {
  it('names and attributes follow the HTTP client semantic conventions, and the request carries traceparent', async () => {
    const seen = respondWith(okJson(session));
    await makeClient({ tracer }).sessions.retrieve('sess_1');
    const call = only('kler.sessions.retrieve');
    const attempt = only('GET /v1/sessions/{session_id}');
    expect(spans()).toHaveLength(2);
    expect(call.kind).toBe(SpanKind.INTERNAL);
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    expect(attempt.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(attempt)).toBe(call.spanContext().spanId);
    expect(attempt.spanContext().traceId).toBe(call.spanContext().traceId);
    expect(attempt.attributes).toEqual({
      'http.request.method': 'GET',
      'url.full': 'https://api.kler.test/v1/sessions/sess_1',
      'url.template': '/v1/sessions/{session_id}',
      'server.address': 'api.kler.test',
      'server.port': 443,
      'http.response.status_code': 200,
    });
    const { traceId, spanId } = attempt.spanContext();
    expect(seen[0]?.headers.get('traceparent')).toBe(`00-${traceId}-${spanId}-01`);
  });

  it('a retry is a second attempt span with http.request.resend_count; the failed one has error.type and an error status', async () => {
    const seen = respondWith(unavailable, okJson(transaction));
    await makeClient({ tracer }).transactions.retrieve('txn_1');
    const call = only('kler.transactions.retrieve');
    const [first, second] = named('GET /v1/transactions/{transaction_id}');
    expect(first?.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': '503' });
    expect(first?.attributes['http.request.resend_count']).toBeUndefined();
    expect(first?.status.code).toBe(SpanStatusCode.ERROR);
    expect(second?.attributes).toMatchObject({ 'http.response.status_code': 200, 'http.request.resend_count': 1 });
    expect(second?.status.code).toBe(SpanStatusCode.UNSET);
    expect([parentOf(first as ReadableSpan), parentOf(second as ReadableSpan)]).toEqual([call.spanContext().spanId, call.spanContext().spanId]);
    // Each attempt carries its own span as the parent of whatever Kler does.
    expect(seen.map((r) => r.headers.get('traceparent')?.split('-')[2])).toEqual([first?.spanContext().spanId, second?.spanContext().spanId]);
  });

  it('a failed call has error.type set to the KlerError it rejects with', async () => {
    respondWith(json({ message: 'no such session' }, { status: 404 }));
    const error = await makeClient({ tracer }).settlement.retrieve('sess_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerNotFoundError);
    const call = only('kler.settlement.retrieve');
    expect(call.attributes['error.type']).toBe('KlerNotFoundError');
    expect(call.status).toEqual({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    expect(only('GET /v1/settlement/{session_id}').attributes['error.type']).toBe('404');
  });

  it('a timed-out attempt has error.type KlerTimeoutError and no status code', async () => {
    respondWith(async () => {
      await delay(2_000);
      return okJson(session)();
    });
    const error = await makeClient({ tracer, timeout: 50, maxRetries: 0 }).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerTimeoutError);
    const attempt = only('GET /v1/sessions/{session_id}');
    expect(attempt.attributes['error.type']).toBe('KlerTimeoutError');
    expect(attempt.attributes['http.response.status_code']).toBeUndefined();
    expect(only('kler.sessions.retrieve').attributes['error.type']).toBe('KlerTimeoutError');
  });

  it('a 2xx that fails validation: the attempt is fine, the call is not', async () => {
    respondWith(okJson({ nope: true }));
    await makeClient({ tracer, logLevel: 'off' }).sessions.retrieve('sess_1').catch(() => undefined);
    expect(only('GET /v1/sessions/{session_id}').status.code).toBe(SpanStatusCode.UNSET);
    expect(only('kler.sessions.retrieve').attributes['error.type']).toBe('KlerResponseValidationError');
  });

  it('for await over a list makes one call span per page, each with its attempt', async () => {
    const all = Array.from({ length: 3 }, (_, i) => ({ ...transaction, id: `txn_${i}` }));
    server.use(
      http.get(`${BASE_URL}/transactions`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const offset = Number(query.get('offset'));
        return HttpResponse.json({ success: true, data: all.slice(offset, offset + Number(query.get('limit'))) });
      }),
    );
    const ids: string[] = [];
    for await (const t of makeClient({ tracer }).transactions.list({ session_id: 'sess_1', limit: 2 })) ids.push(t.id);
    expect(ids).toEqual(['txn_0', 'txn_1', 'txn_2']);
    const calls = named('kler.transactions.list');
    const attempts = named('GET /v1/transactions');
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(attempts.map(parentOf).sort()).toEqual(calls.map((c) => c.spanContext().spanId).sort());
    expect(attempts[0]?.attributes['url.full']).toBe('https://api.kler.test/v1/transactions?session_id=sess_1&limit=2&offset=0');
  });

  it("the call span is a child of the caller's active span", async () => {
    respondWith(okJson(session));
    const kler = makeClient({ tracer });
    await tracer.startActiveSpan('checkout', async (span) => {
      await kler.sessions.retrieve('sess_1');
      span.end();
    });
    expect(parentOf(only('kler.sessions.retrieve'))).toBe(only('checkout').spanContext().spanId);
  });

  it('a TracerProvider is asked for the @kler/sdk tracer', async () => {
    respondWith(okJson(session));
    await makeClient({ tracer: provider }).sessions.retrieve('sess_1');
    expect(only('kler.sessions.retrieve').instrumentationScope).toMatchObject({ name: '@kler/sdk', version: VERSION });
  });

  it('no attribute holds the API key, even when it is pasted as an id', async () => {
    respondWith(okJson(session));
    await makeClient({ tracer }).sessions.retrieve(API_KEY).catch(() => undefined);
    expect(JSON.stringify(spans().map((s) => [s.name, s.attributes, s.status]))).not.toContain(API_KEY);
    expect(only('GET /v1/sessions/{session_id}').attributes['url.full']).toBe('https://api.kler.test/v1/sessions/[redacted]');
  });

  it('without a tracer no span is made and no traceparent is sent', async () => {
    const seen = respondWith(okJson(session));
    await makeClient().sessions.retrieve('sess_1');
    expect(spans()).toEqual([]);
    expect(seen[0]?.headers.has('traceparent')).toBe(false);
  });

  it("a no-op tracer (the API's default) sends no traceparent", async () => {
    const seen = respondWith(okJson(session));
    await new KlerClient({ apiKey: API_KEY, baseUrl: 'https://api.kler.test/v1', tracer: trace.getTracer('none') }).sessions.retrieve('sess_1');
    expect(seen[0]?.headers.has('traceparent')).toBe(false);
  });

  it("with `propagation`, each attempt's headers come from the registered propagators instead", async () => {
    const custom: TextMapPropagator = {
      inject: (ctx, carrier, setter) => {
        const span = trace.getSpanContext(ctx);
        if (span) setter.set(carrier, 'x-custom-trace', `${span.traceId}:${span.spanId}`);
      },
      extract: (ctx) => ctx,
      fields: () => ['x-custom-trace'],
    };
    propagation.setGlobalPropagator(custom);
    try {
      const seen = respondWith(okJson(session));
      await makeClient({ tracer, propagation }).sessions.retrieve('sess_1');
      const { traceId, spanId } = only('GET /v1/sessions/{session_id}').spanContext();
      expect(seen[0]?.headers.get('x-custom-trace')).toBe(`${traceId}:${spanId}`);
      expect(seen[0]?.headers.has('traceparent')).toBe(false);
    } finally {
      propagation.disable();
    }
  });

  it('something that is not a tracer fails at construction', () => {
    expect(() => makeClient({ tracer, propagation: {} as never })).toThrow('propagation must be');
    expect(() => makeClient({ tracer: {} as never })).toThrow('tracer must be an OpenTelemetry Tracer or TracerProvider');
  });
});

describe('@opentelemetry/api stays optional', () => {
  it('no source file imports it (the tracer is taken as the object it is)', () => {
    const src = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    const importing = files.filter((f) => /from '@opentelemetry|import\('@opentelemetry/.test(readFileSync(join(src, f), 'utf8')));
    expect(importing).toEqual([]);
  });
});

describe('the webhook delivery span (for the webhook handler)', () => {
  it('records the delivery, its outcome, and a failure as error.type', () => {
    startDeliverySpan(tracer, { webhookId: 'msg_1', event: 'transaction.received' })('processed');
    startDeliverySpan(tracer, { webhookId: 'msg_2' })('failed', new KlerNotFoundError({ status: 404, headers: new Headers(), method: 'GET', path: '/v1/transactions/x', message: 'gone', body: undefined }));
    startDeliverySpan(undefined, {})('processed'); // no tracer: nothing, no throw
    const [ok, failed] = named('kler.webhooks.handle');
    expect(ok?.attributes).toEqual({ 'kler.webhook.id': 'msg_1', 'kler.webhook.event': 'transaction.received', 'kler.webhook.outcome': 'processed' });
    expect(ok?.status.code).toBe(SpanStatusCode.UNSET);
    expect(failed?.attributes).toEqual({ 'kler.webhook.id': 'msg_2', 'kler.webhook.outcome': 'failed', 'error.type': 'KlerNotFoundError' });
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
  });
});
