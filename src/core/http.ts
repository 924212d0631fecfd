import type { KyInstance, Options } from 'ky';
import type { $ZodIssue } from 'zod/v4/core';
import { boundedFetch, DEFAULT_MAX_RESPONSE_BYTES, MAX_JSON_DEPTH, nestsDeeperThan } from './body.js';
import { KlerConfigurationError, KlerInvalidParamsError, KlerResponseValidationError } from './errors.js';
import { checkHooks, type KlerHooks } from './hooks.js';
import { scrubIssues } from './issues.js';
import { keepRawAnswer, type RawAnswer, toKlerError } from './ky-errors.js';
import { loadKy } from './ky-module.js';
import { createLog } from './logger.js';
import { findUnencodable } from './params.js';
import { checkRequestOptions } from './request-options.js';
import { backoffDelay, jitter, MAX_RETRY_AFTER_MS, RETRYABLE_STATUSES, shouldRetry } from './retry-policy.js';
import { CallObserver, type Observability } from './observe.js';
import type { Route } from './routes.js';
import { scrubText } from './scrub.js';
import { VERSION } from './version.js';

/** Per-call options accepted by every resource method. */
export interface RequestOptions {
  /**
   * Cancels the request (and any retry waiting to happen).
   * @default `undefined`: not cancellable
   */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds per attempt before giving up with `KlerTimeoutError`. Overrides the client's.
   * @default the client's `timeout` (30_000)
   */
  timeout?: number | undefined;
  /**
   * Extra attempts after the first, where the retry policy allows them. Overrides the client's.
   * @default the client's `maxRetries` (2)
   */
  maxRetries?: number | undefined;
  /**
   * Extra headers for this call. `x-api-key` cannot be overridden here.
   * @default {}
   */
  headers?: Record<string, string> | Headers | undefined;
  /**
   * Hooks for this call's attempts, run after the client's `hooks` (see `KlerHooks`).
   * @default `undefined`: only the client's
   */
  hooks?: KlerHooks | undefined;
  /**
   * Largest answer accepted for this call, in bytes (the body, error bodies included). A larger
   * one stops the read, closes the connection and throws `KlerResponseTooLargeError`.
   * Overrides the client's.
   * @default the client's `maxResponseBytes` (52_428_800, 50 MiB)
   */
  maxResponseBytes?: number | undefined;
}

/** What the transport needs from the client's options, already resolved. */
export interface TransportConfig {
  apiKey: string | undefined;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  fetch: typeof globalThis.fetch | undefined;
  /** Logs, hooks and tracer; by default `console` at `KLER_LOG` or 'warn', no hooks, no tracer. */
  observability?: Observability | undefined;
  /** @default DEFAULT_MAX_RESPONSE_BYTES */
  maxResponseBytes?: number | undefined;
}

/** One API call, as a resource describes it. */
export interface ApiRequest<T> {
  method: 'GET' | 'POST' | 'PATCH';
  /** Its route, built with `route(…)`: the path to send, and how logs, hooks and spans name it. */
  route: Route;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /**
   * Validates the whole body, `{ success: true, data }` envelope included, and gives `data`
   * typed: a resource passes `envelope(SomeSchema)` (`src/schemas/common.ts`).
   */
  schema: EnvelopeSchema<T>;
}

/** What the transport needs of a response schema: zod's `safeParse`, answering `{ data: T }`. */
export interface EnvelopeSchema<T> {
  safeParse(value: unknown): { success: true; data: { data: T } } | { success: false; error: { issues: $ZodIssue[] } };
}

const MAX_TIMEOUT = 2_147_483_647;
/** ky instances kept (one per distinct `maxRetries` in use); the least recently used goes first. */
const MAX_INSTANCES = 8;

/**
 * The only module that talks HTTP (the one that calls ky; `ky-errors.ts` and `retry-policy.ts`
 * only read ky's errors). It adds auth and SDK headers, applies the retry policy, unwraps
 * `{ success, data }`, validates `data`, and turns every failure into a `KlerError`. Secrets
 * live in private fields and closures, so neither `util.inspect` nor `JSON.stringify` of the
 * client or an error can reveal them.
 */
export class Transport {
  readonly #config: TransportConfig;
  readonly #base: URL;
  /**
   * ky instances by retry limit, most recently used last: passing the limit per call costs a
   * deep merge of ky's retry options on every request (a hot-path cost), so calls share an
   * instance. At most MAX_INSTANCES are kept, so a process passing many distinct `maxRetries`
   * does not grow memory forever.
   */
  readonly #instances = new Map<number, KyInstance>();
  readonly #observability: Observability;
  readonly #fetch: typeof globalThis.fetch;
  readonly #maxResponseBytes: number;

  constructor(config: TransportConfig) {
    // Checked here so a bad client option fails where it is written, not at the first call.
    checkTimeout(config.timeout);
    checkRetries(config.maxRetries);
    this.#maxResponseBytes = checkMaxResponseBytes(config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    this.#config = config;
    this.#observability = config.observability ?? { log: createLog({}, [config.apiKey]), hooks: undefined, tracer: undefined };
    // Read at call time, not here, so a test's or APM's later patch of globalThis.fetch applies.
    this.#fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#base = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
  }

  /** Base URL requests go to, e.g. `https://api.kler.africa/v1/`. */
  get baseUrl(): string {
    return this.#base.href;
  }

  /** Sends `req`, retrying as the policy allows, and resolves to the validated `data`. */
  async request<T>(req: ApiRequest<T>, options?: RequestOptions): Promise<T> {
    options = checkRequestOptions(options);
    if (!this.#config.apiKey) {
      throw new KlerConfigurationError(
        'No Kler API key: pass `apiKey` to `new KlerClient({ apiKey })` or set the KLER_API_KEY environment variable.',
      );
    }
    const unencodable = findUnencodable({ ...req.query }) ?? findUnencodable(req.body);
    if (unencodable) throw new KlerInvalidParamsError(`${req.method} ${req.route.path}`, [unencodable]);
    const url = new URL(req.route.path, this.#base);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const method = req.method;
    const where = url.pathname;
    const timeout = checkTimeout(options.timeout ?? this.#config.timeout);
    const maxRetries = checkRetries(options.maxRetries ?? this.#config.maxRetries);
    const maxResponseBytes = checkMaxResponseBytes(options.maxResponseBytes ?? this.#maxResponseBytes);
    let sent = false;
    const fetch = boundedFetch(this.#fetch, { maxResponseBytes, describe: `${method} ${where}`, onSend: () => (sent = true) });
    const init: Options = { method, timeout, fetch };
    if (req.body !== undefined) init.json = req.body;
    if (options.headers) init.headers = options.headers;
    if (options.signal) init.signal = options.signal;
    // Logs, hooks and spans (observe.ts): per-call ky hooks, only when something watches attempts.
    const call = new CallObserver(this.#observability, method, req.route, url, this.#config.apiKey, checkHooks(options.hooks, 'hooks'));
    if (call.kyOptions) Object.assign(init, call.kyOptions);
    // ky is imported by the first request (ky-module.ts); a failure is this call's, observed.
    const ky = await loadKy().catch(async (cause: unknown) => {
      throw await call.failed(
        new KlerConfigurationError(
          `Could not load ky, the SDK's HTTP library: ${scrubText(String((cause as Error)?.message ?? cause), this.#config.apiKey)}. Run npm install, then restart the process.`,
          { cause },
        ),
      );
    });
    let answer: RawAnswer;
    try {
      answer = await this.#instance(ky.ky, maxRetries)(url, init).json<RawAnswer>();
    } catch (error) {
      throw await call.failed(toKlerError(error, { method, where, timeout, signal: options.signal, apiKey: this.#config.apiKey, sent }));
    }
    let data: T;
    try {
      data = parseBody(answer.text, req.schema, { method, where, status: answer.status, apiKey: this.#config.apiKey });
    } catch (error) {
      throw await call.failed(error as KlerResponseValidationError);
    }
    call.succeeded();
    return data;
  }

  #instance(ky: KyInstance, maxRetries: number): KyInstance {
    let instance = this.#instances.get(maxRetries);
    if (instance) {
      this.#instances.delete(maxRetries); // re-inserted below: most recently used last
    } else {
      instance = createKy(ky, this.#config, maxRetries);
      if (this.#instances.size >= MAX_INSTANCES) this.#instances.delete(this.#instances.keys().next().value!);
    }
    this.#instances.set(maxRetries, instance);
    return instance;
  }

  /** A safe summary for logs: never the API key. */
  toJSON(): { baseUrl: string; timeout: number; maxRetries: number; apiKey: string } {
    return {
      baseUrl: this.#base.href,
      timeout: this.#config.timeout,
      maxRetries: this.#config.maxRetries,
      apiKey: this.#config.apiKey ? '[redacted]' : '(not set)',
    };
  }
}

/** The ky instance for one retry limit: auth and SDK headers, the retry policy, raw bodies. */
function createKy(ky: KyInstance, config: TransportConfig, maxRetries: number): KyInstance {
  const apiKey = config.apiKey;
  return ky.create({
    throwHttpErrors: true,
    // Never follow a redirect: fetch would turn a POST into a GET (a create "succeeding" with
    // another object) or resend it, and would send the x-api-key header to any origin. A 3xx is
    // an error to report.
    redirect: 'manual',
    retry: {
      limit: maxRetries,
      methods: ['get', 'post', 'patch'],
      statusCodes: RETRYABLE_STATUSES,
      // One Retry-After rule for every status retried (README): honoured up to 60 s, and a
      // longer wait is handed to the caller at once (shouldRetry).
      afterStatusCodes: RETRYABLE_STATUSES,
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      retryOnTimeout: true,
      delay: backoffDelay,
      jitter,
      shouldRetry: ({ error }) => shouldRetry(error),
    },
    // ky's `.json()` reads the body under the same timeout as the response; this hook hands
    // back the text and status untouched so parseBody can report both precisely.
    parseJson: keepRawAnswer,
    hooks: {
      beforeRequest: [
        ({ request }) => {
          // Set on the final request, after per-call headers and ky's own `Accept`, so a
          // per-call header can never replace (or redirect) the key.
          request.headers.set('accept', 'application/json');
          request.headers.set('user-agent', `kler-sdk-js/${VERSION}`);
          request.headers.set('x-kler-sdk', `@kler/sdk@${VERSION}`);
          if (apiKey) request.headers.set('x-api-key', apiKey);
        },
      ],
    },
  });
}

function checkTimeout(timeout: number): number {
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT) {
    throw new KlerConfigurationError(`timeout must be a number of milliseconds from 1 to ${MAX_TIMEOUT}, got ${String(timeout)}.`);
  }
  return timeout;
}

function checkRetries(maxRetries: number): number {
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new KlerConfigurationError(`maxRetries must be a whole number of 0 or more, got ${String(maxRetries)}.`);
  }
  return maxRetries;
}

function checkMaxResponseBytes(bytes: number): number {
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new KlerConfigurationError(
      `maxResponseBytes must be a whole number of bytes of 1 or more, got ${String(bytes)}.`,
    );
  }
  return bytes;
}

interface CallInfo {
  method: string;
  where: string;
  status: number;
  apiKey: string | undefined;
}

function parseBody<T>(text: string, schema: EnvelopeSchema<T>, call: CallInfo): T {
  const { method, where, status, apiKey } = call;
  const fail = (summary: string, issues: $ZodIssue[] = []) =>
    new KlerResponseValidationError({
      method,
      path: where,
      status,
      rawBody: scrubText(text, apiKey),
      summary,
      // Paths too: a record's keys (by_channel…) come from the body.
      issues: scrubIssues(issues, apiKey),
    });
  // Refused before parsing: the recursive checks after JSON.parse would overflow the stack.
  if (nestsDeeperThan(text)) throw fail(`the body nests deeper than ${MAX_JSON_DEPTH} levels`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail(text.trim() === '' ? 'the body is empty' : 'the body is not JSON');
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data.data;
  const issues = result.error.issues;
  // Paths inside `data`, as users know the model (`pos_terminals.0.terminal_id` of a Session),
  // when the envelope is fine; from the body's root when the envelope itself is wrong.
  if (!issues.every((issue) => issue.path[0] === 'data')) {
    throw fail('the body is not the `{ "success": true, "data": … }` envelope', issues);
  }
  throw fail('`data` does not match the documented shape', issues.map((issue) => ({ ...issue, path: issue.path.slice(1) })));
}
