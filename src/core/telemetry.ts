/**
 * OpenTelemetry without depending on it: the SDK takes the user's `Tracer` (or `TracerProvider`)
 * as the object it is and calls only the few methods below, so `@opentelemetry/api` is never
 * imported and costs nothing to users who do not trace. The interfaces are the subset of the
 * API's own that the SDK uses; any `@opentelemetry/api` 1.x tracer satisfies them.
 */
import { KlerConfigurationError } from './errors.js';
import { VERSION } from './version.js';

/** The identity of a span, as OpenTelemetry's `SpanContext`. */
export interface KlerSpanContext {
  /** 32 lowercase hex characters. */
  readonly traceId: string;
  /** 16 lowercase hex characters. */
  readonly spanId: string;
  /** W3C trace flags (bit 0: sampled). */
  readonly traceFlags: number;
  /** Vendor trace state, if any. */
  readonly traceState?: KlerTraceState | undefined;
}

/** OpenTelemetry's `TraceState`: vendor entries carried in the `tracestate` header. */
export interface KlerTraceState {
  /** The `tracestate` header value. */
  serialize(): string;
}

/** The span methods the SDK calls (a subset of OpenTelemetry's `Span`). */
export interface KlerSpan {
  /** The span's identity, used for the `traceparent` header. */
  spanContext(): KlerSpanContext;
  /** Sets one attribute. */
  setAttribute(key: string, value: string | number | boolean): unknown;
  /** Sets the status: code 2 is `SpanStatusCode.ERROR`. */
  setStatus(status: { code: number; message?: string }): unknown;
  /** Ends the span. */
  end(): void;
}

/** OpenTelemetry's `Context`: an immutable map the SDK uses to name a span's parent. */
export interface KlerTraceContext {
  /** The value under `key`. */
  getValue(key: symbol): unknown;
  /** A copy with `key` set. */
  setValue(key: symbol, value: unknown): KlerTraceContext;
  /** A copy without `key`. */
  deleteValue(key: symbol): KlerTraceContext;
}

/** The tracer method the SDK calls (a subset of OpenTelemetry's `Tracer`). */
export interface KlerTracer {
  /** Starts a span; `context` carries its parent. */
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: Record<string, string | number | boolean> },
    context?: KlerTraceContext,
  ): KlerSpan;
}

/** OpenTelemetry's `TracerProvider`: the SDK asks it for the `@kler/sdk` tracer. */
export interface KlerTracerProvider {
  /** The tracer for an instrumentation scope. */
  getTracer(name: string, version?: string): KlerTracer;
}

/** How a propagator writes one header (OpenTelemetry's `TextMapSetter`, for `Headers`). */
export interface KlerHeaderSetter {
  /** Sets header `key` to `value` on `carrier`. */
  set(carrier: Headers, key: string, value: string): void;
}

/**
 * OpenTelemetry's `propagation` API, or any `TextMapPropagator`: writes the trace headers of a
 * context with the propagators you registered (W3C, B3, Jaeger, …).
 */
export interface KlerPropagation {
  /** Writes `context`'s trace headers into `carrier`. */
  inject(context: KlerTraceContext, carrier: Headers, setter: KlerHeaderSetter): void;
}

/** `SpanKind` and `SpanStatusCode` values, stable since OpenTelemetry API 1.0. */
export const SPAN_KIND_INTERNAL = 0;
export const SPAN_KIND_CLIENT = 2;
export const SPAN_STATUS_ERROR = 2;

/**
 * The key OpenTelemetry stores the current span under. The API builds it with `Symbol.for` so
 * that every copy and version of `@opentelemetry/api` shares it, which lets the SDK name a
 * parent without importing the API.
 */
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

/** An immutable context over `values`, as OpenTelemetry's own. */
const contextOf = (values: Map<symbol, unknown>): KlerTraceContext => ({
  getValue: (key) => values.get(key),
  setValue: (key, value) => contextOf(new Map(values).set(key, value)),
  deleteValue: (key) => {
    const copy = new Map(values);
    copy.delete(key);
    return contextOf(copy);
  },
});

/**
 * A context whose current span is `span`, so a span started with it is `span`'s child. Built
 * directly rather than from the active context: the parent link then holds on runtimes where
 * no context manager carries the active span across `await` (edge runtimes, browsers).
 */
export const contextWith = (span: KlerSpan): KlerTraceContext => contextOf(new Map([[SPAN_KEY, span]]));

/** The tracer to use for the `tracer` option: the option itself, or the provider's `@kler/sdk` tracer. */
export function tracerOf(option: KlerTracer | KlerTracerProvider | undefined): KlerTracer | undefined {
  const tracer = option && typeof (option as KlerTracerProvider).getTracer === 'function'
    ? (option as KlerTracerProvider).getTracer('@kler/sdk', VERSION)
    : option;
  if (tracer !== undefined && typeof (tracer as KlerTracer | null)?.startSpan !== 'function') {
    throw new KlerConfigurationError('tracer must be an OpenTelemetry Tracer or TracerProvider (from `@opentelemetry/api`).');
  }
  return tracer as KlerTracer | undefined;
}

/** The `propagation` option, checked. */
export function propagationOf(option: KlerPropagation | undefined): KlerPropagation | undefined {
  if (option !== undefined && typeof (option as KlerPropagation | null)?.inject !== 'function') {
    throw new KlerConfigurationError('propagation must be OpenTelemetry\'s `propagation` (from `@opentelemetry/api`) or a TextMapPropagator.');
  }
  return option;
}

const headerSetter: KlerHeaderSetter = { set: (carrier, key, value) => carrier.set(key, value) };

/**
 * Sets the trace headers naming `span` on `headers`: through `propagation` when given, otherwise
 * W3C Trace Context (`traceparent`, `tracestate`), unless the span is the invalid one a no-op
 * tracer returns.
 */
export function injectTraceContext(span: KlerSpan, headers: Headers, propagation?: KlerPropagation): void {
  if (propagation) return propagation.inject(contextWith(span), headers, headerSetter);
  const { traceId, spanId, traceFlags, traceState } = span.spanContext();
  if (/^0*$/.test(traceId)) return;
  headers.set('traceparent', `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, '0')}`);
  const state = traceState?.serialize();
  if (state) headers.set('tracestate', state);
}

/**
 * Ends a span started by `startDeliverySpan`: records `outcome` as `kler.webhook.outcome` and
 * `more` (what was learnt on the way, such as the verified event type); `error` marks the span
 * as failed with its class name as `error.type`.
 */
export type EndOutcomeSpan = (outcome: string, error?: Error, more?: Record<string, string | number | undefined>) => void;

/**
 * Starts an internal span `name` that ends with an outcome (see `EndOutcomeSpan`). A no-op
 * without a tracer.
 */
export function startOutcomeSpan(tracer: KlerTracer | undefined, name: string, attributes: Record<string, string | number>): EndOutcomeSpan {
  const span = tracer?.startSpan(name, { kind: SPAN_KIND_INTERNAL, attributes });
  return (outcome, error, more) => {
    if (!span) return;
    span.setAttribute('kler.webhook.outcome', outcome);
    for (const [key, value] of Object.entries(more ?? {})) if (value !== undefined) span.setAttribute(key, value);
    if (error) {
      span.setAttribute('error.type', error.name);
      span.setStatus({ code: SPAN_STATUS_ERROR, message: error.message });
    }
    span.end();
  };
}

/**
 * Starts the span of one webhook delivery, `kler.webhooks.handle`, for the webhook handler to end
 * with what became of it (`processed`, `duplicate`, `in_progress`, `failed`, `rejected`, …);
 * `error` marks the span as failed with its class name as `error.type`. A no-op without a tracer.
 * The handler's own entry point imports it: it pulls in neither ky nor `@opentelemetry/api`.
 */
export function startDeliverySpan(
  tracer: KlerTracer | undefined,
  delivery: { webhookId?: string | undefined; event?: string | undefined },
): EndOutcomeSpan {
  const attributes: Record<string, string> = {};
  if (delivery.webhookId) attributes['kler.webhook.id'] = delivery.webhookId;
  if (delivery.event) attributes['kler.webhook.event'] = delivery.event;
  return startOutcomeSpan(tracer, 'kler.webhooks.handle', attributes);
}
