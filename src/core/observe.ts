/**
 * Logs, hooks and spans for one SDK call, fed by ky's hooks. Each attempt is seen three ways at
 * once: a debug log line, the user's hooks, and an OpenTelemetry client span under the call's
 * span. It only observes (and lets `beforeRequest` add headers): what is retried and how long
 * to wait stay the retry policy's (`retry-policy.ts`) decisions.
 */
import type { Options } from 'ky';
import { isHTTPError, isTimeoutError } from './ky-module.js';
import { KlerError, KlerResponseValidationError, requestIdOf } from './errors.js';
import { hookError, runHooks, type KlerHookContext, type KlerHooks, type KlerRetryReason } from './hooks.js';
import type { Log } from './logger.js';
import { backoffDelay, failedBeforeSending, jitter, requestedWait, shouldRetry } from './retry-policy.js';
import type { Route } from './routes.js';
import { scrubText } from './scrub.js';
import {
  contextWith,
  injectTraceContext,
  SPAN_KIND_CLIENT,
  SPAN_KIND_INTERNAL,
  SPAN_STATUS_ERROR,
  type KlerPropagation,
  type KlerSpan,
  type KlerTracer,
} from './telemetry.js';

/** What the client observes with: its log, its hooks, its tracer. */
export interface Observability {
  log: Log;
  hooks: KlerHooks | undefined;
  tracer: KlerTracer | undefined;
  propagation?: KlerPropagation | undefined;
}

type Method = KlerHookContext['method'];

const now = (): number => performance.now();

/** One SDK call being observed: create it before sending, then `succeeded()` or `failed(error)`. */
export class CallObserver {
  readonly #o: Observability;
  readonly #apiKey: string | undefined;
  readonly #hooks: KlerHooks[];
  readonly #method: Method;
  readonly #route: Route;
  readonly #url: URL;
  /** Worked out on first use: a call nobody watches that succeeds never needs it. */
  #described: { base: Omit<KlerHookContext, 'attempt'>; label: string } | undefined;
  readonly #span: KlerSpan | undefined;
  /**
   * Per-call ky options wiring ky's hooks here, or `undefined` when nothing watches attempts
   * (the default: `logLevel` 'warn', no hooks, no tracer), which keeps the plain path plain.
   */
  readonly kyOptions: Options | undefined;
  #attempt = 0;
  #started = 0;
  #attemptSpan: KlerSpan | undefined;
  /** The last attempt's log line, written once it is known whether it is retried. */
  #pending: string | undefined;
  /** The wait before the next retry: decided in `#shouldRetry`, handed to ky through `retry.delay`. */
  #delay = 0;
  /** Whether Kler may have acted on an attempt so far, for a `KlerHookError`'s `mayHaveBeenProcessed`. */
  #processed = false;

  constructor(o: Observability, method: Method, route: Route, url: URL, apiKey: string | undefined, hooks?: KlerHooks) {
    this.#o = o;
    this.#apiKey = apiKey;
    this.#hooks = [o.hooks, hooks].filter((h): h is KlerHooks => !!h);
    this.#method = method;
    this.#route = route;
    this.#url = url;
    this.#span = o.tracer?.startSpan(`kler.${this.#base.operation}`, { kind: SPAN_KIND_INTERNAL });
    if (!o.tracer && this.#hooks.length === 0 && !o.log.enabled('info')) return;
    this.kyOptions = {
      hooks: {
        beforeRequest: [({ request }) => this.#beforeAttempt(request)],
        beforeRetry: [({ request }) => this.#beforeAttempt(request)],
        afterResponse: [({ response }) => this.#afterAttempt(response)],
        beforeError: [
          ({ error }) => {
            this.#attemptFailed(error);
            return error;
          },
        ],
      },
      // Same policy, same waits: the wait is computed here (as ky would: `Retry-After` on 429/503,
      // else backoff with jitter) only so logs and `beforeRetry` can state it before it starts.
      retry: {
        shouldRetry: ({ error, retryCount }) => this.#shouldRetry(error, retryCount),
        delay: () => this.#delay,
        jitter: (delay) => delay,
        afterStatusCodes: [],
      },
    };
  }

  /** The call as hooks see it: operation, method, URL, template, ids. */
  get #base(): Omit<KlerHookContext, 'attempt'> {
    return this.#describe().base;
  }

  /** `GET /v1/transactions/{transaction_id} transaction_id=txn_1`, for log lines. */
  get #label(): string {
    return this.#describe().label;
  }

  #describe(): { base: Omit<KlerHookContext, 'attempt'>; label: string } {
    if (this.#described) return this.#described;
    const [method, route, url] = [this.#method, this.#route, this.#url];
    const urlTemplate = url.pathname.slice(0, url.pathname.length - route.path.length) + route.template;
    const query = [...url.searchParams].map(([k, v]) => `${k}=${v}`);
    const label = [`${method} ${urlTemplate}`, ...Object.entries(route.params).map(([k, v]) => `${k}=${v}`), ...query].join(' ');
    const base = { operation: route.operation, method, url: scrubText(url.href, this.#apiKey), urlTemplate, pathParams: route.params };
    return (this.#described = { base, label });
  }

  #ctx(): KlerHookContext {
    return { ...this.#base, attempt: this.#attempt };
  }

  /** The log line of the current attempt: `GET … -> 200 attempt 1 12ms`. */
  #line(outcome: string | number): string {
    return `${this.#label} -> ${outcome} attempt ${this.#attempt} ${Math.round(now() - this.#started)}ms`;
  }

  async #beforeAttempt(request: Request): Promise<void> {
    this.#attempt++;
    this.#started = now();
    const { method, urlTemplate, url } = this.#base;
    const tracer = this.#o.tracer;
    if (tracer && this.#span) {
      const { hostname, port, protocol } = this.#url;
      const attributes: Record<string, string | number> = {
        'http.request.method': method,
        'url.full': url, // scrubbed of the key, should it be pasted as an id
        'url.template': urlTemplate,
        'server.address': hostname,
        'server.port': Number(port) || (protocol === 'https:' ? 443 : 80),
      };
      if (this.#attempt > 1) attributes['http.request.resend_count'] = this.#attempt - 1;
      this.#attemptSpan = tracer.startSpan(`${method} ${urlTemplate}`, { kind: SPAN_KIND_CLIENT, attributes }, contextWith(this.#span));
      injectTraceContext(this.#attemptSpan, request.headers, this.#o.propagation);
    }
    if (this.#hooks.some((h) => h.beforeRequest)) {
      const headers = new Headers(request.headers);
      headers.delete('x-api-key');
      const ctx = { ...this.#ctx(), headers };
      await runHooks(this.#hooks, 'beforeRequest', ctx, this.#processed);
      if (headers.has('x-api-key')) throw hookError('beforeRequest', 'set x-api-key', ctx, this.#processed);
      for (const [name] of [...request.headers]) if (name !== 'x-api-key' && !headers.has(name)) request.headers.delete(name);
      headers.forEach((value, name) => request.headers.set(name, value));
      this.#started = now();
    }
  }

  async #afterAttempt(response: Response): Promise<void> {
    const durationMs = Math.round(now() - this.#started);
    const { status } = response;
    const requestId = requestIdOf(response.headers);
    if (status !== 429) this.#processed = true;
    this.#endAttempt(status >= 400 ? String(status) : undefined, status);
    const line = this.#line(status) + (requestId ? ` request_id=${requestId}` : '');
    // A failed status is logged once it is known whether it is retried, with the wait.
    if (response.ok) this.#o.log.write('debug', line);
    else this.#pending = line;
    this.#started = 0;
    if (!this.#hooks.some((h) => h.afterResponse)) return;
    // What a server echoed of the key stays out of hooks too (they often log headers).
    const key = this.#apiKey;
    const headers = new Headers([...response.headers].map(([name, value]): [string, string] => [name, scrubText(value, key)]));
    const ctx = { ...this.#ctx(), status, headers, requestId: requestId && scrubText(requestId, key), durationMs };
    await runHooks(this.#hooks, 'afterResponse', ctx, this.#processed);
  }

  /** Ends the current attempt if it got no answer (timeout, connection, abort, hook) and returns its log line. */
  #close(error: unknown): string | undefined {
    let line = this.#pending;
    if (line === undefined && this.#started > 0) {
      const type = isTimeoutError(error)
        ? 'KlerTimeoutError'
        : KlerError.is(error)
          ? error.name
          : (error as Error | undefined)?.name === 'AbortError'
            ? 'KlerAbortError'
            : 'KlerConnectionError';
      this.#endAttempt(type);
      line = this.#line(type);
    }
    this.#pending = undefined;
    this.#started = 0;
    return line;
  }

  #attemptFailed(error: unknown): void {
    const line = this.#close(error);
    if (line) this.#o.log.write('debug', line);
  }

  #endAttempt(errorType: string | undefined, status?: number): void {
    const span = this.#attemptSpan;
    this.#attemptSpan = undefined;
    if (!span) return;
    if (status) span.setAttribute('http.response.status_code', status);
    if (errorType) {
      span.setAttribute('error.type', errorType);
      span.setStatus({ code: SPAN_STATUS_ERROR });
    }
    span.end();
  }

  async #shouldRetry(error: Error, retryCount: number): Promise<false | undefined> {
    const verdict = shouldRetry(error);
    if (verdict === false) return false; // ky throws next, and beforeError logs the attempt
    const line = this.#close(error);
    const http = isHTTPError(error) ? error.response : undefined;
    const reason: KlerRetryReason = http ? 'status' : isTimeoutError(error) ? 'timeout' : 'connection';
    const wait = http && (http.status === 429 || http.status === 503) ? requestedWait(http.headers) : undefined;
    const delayMs = Math.round((this.#delay = wait ?? jitter(backoffDelay(retryCount))));
    // Kler did not act on a 429 nor on a connection that never opened; on anything else it may have.
    if (http ? http.status !== 429 : reason === 'timeout' || !failedBeforeSending(error)) this.#processed = true;
    this.#o.log.write('info', `${line ?? this.#label}, retrying in ${delayMs}ms (${http ? `status ${http.status}` : reason})`);
    const ctx = { ...this.#base, attempt: retryCount + 1, reason, status: http?.status, delayMs };
    await runHooks(this.#hooks, 'beforeRetry', ctx, this.#processed);
    return verdict;
  }

  /** The call succeeded. */
  succeeded(): void {
    this.#span?.end();
  }

  /** The call failed with `error`: logs, runs `onError`, ends the spans; resolves to the error to throw. */
  async failed(error: KlerError): Promise<KlerError> {
    this.#attemptFailed(error);
    this.#o.log.write('debug', `${this.#label} failed: ${error.name}`);
    if (KlerResponseValidationError.is(error)) {
      // The first line and the issue paths only: issue messages may quote the body.
      const paths = error.issues.slice(0, 5).map((i) => i.path || '(root)');
      const where = paths.length ? ` (${error.issues.length} issues, at ${paths.join(', ')})` : '';
      this.#o.log.write('warn', `${this.#base.operation}: ${error.message.split('\n')[0]}${where}`);
    }
    let thrown = error;
    const processed = (error as { mayHaveBeenProcessed?: boolean }).mayHaveBeenProcessed ?? this.#processed;
    try {
      await runHooks(this.#hooks, 'onError', { ...this.#ctx(), error }, processed);
    } catch (hookFailure) {
      thrown = hookFailure as KlerError;
    }
    if (this.#span) {
      this.#span.setAttribute('error.type', thrown.name);
      this.#span.setStatus({ code: SPAN_STATUS_ERROR, message: thrown.message });
      this.#span.end();
    }
    return thrown;
  }
}
