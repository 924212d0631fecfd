import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance, type Options } from 'ky';
import { EnvelopeModel } from '../schemas/common.js';
import { makeAPIError } from './api-error.js';
import {
  KlerAbortError,
  KlerConfigurationError,
  KlerConnectionError,
  KlerError,
  KlerResponseValidationError,
  KlerTimeoutError,
} from './errors.js';
import { validate, type Model } from './model.js';
import { scrubJson, scrubText } from './scrub.js';
import {
  backoffDelay,
  failedBeforeSending,
  jitter,
  MAX_RETRY_AFTER_MS,
  NOT_RETRIED_NOTE,
  RETRYABLE_STATUSES,
  shouldRetry,
} from './retry-policy.js';
import { VERSION } from './version.js';

/** Per-call options accepted by every resource method. */
export interface RequestOptions {
  /**
   * Cancels the request (and any retry waiting to happen).
   * @default `undefined`: not cancellable
   */
  signal?: AbortSignal;
  /**
   * Milliseconds per attempt before giving up with `KlerTimeoutError`. Overrides the client's.
   * @default the client's `timeout` (30_000)
   */
  timeout?: number;
  /**
   * Extra attempts after the first, where the retry policy allows them. Overrides the client's.
   * @default the client's `maxRetries` (2)
   */
  maxRetries?: number;
  /**
   * Extra headers for this call. `x-api-key` cannot be overridden here.
   * @default {}
   */
  headers?: Record<string, string> | Headers;
}

/** What the transport needs from the client's options, already resolved. */
export interface TransportConfig {
  apiKey: string | undefined;
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  fetch: typeof globalThis.fetch | undefined;
}

/** One API call, as a resource describes it. */
export interface ApiRequest<T> {
  method: 'GET' | 'POST' | 'PATCH';
  /** Relative path built with `path\`…\``, e.g. `sessions/abc/close`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Validates the unwrapped `data`. */
  schema: Model<T>;
}

const MAX_TIMEOUT = 2_147_483_647;

/**
 * The only module that talks HTTP (and the only one importing ky). It adds auth and SDK
 * headers, applies the retry policy, unwraps `{ success, data }`, validates `data`, and turns
 * every failure into a `KlerError`. Secrets live in private fields and closures, so neither
 * `util.inspect` nor `JSON.stringify` of the client or an error can reveal them.
 */
export class Transport {
  readonly #config: TransportConfig;
  readonly #base: URL;
  /** One ky instance per retry limit, so a call passes only what varies (a hot-path cost). */
  readonly #instances = new Map<number, KyInstance>();

  constructor(config: TransportConfig) {
    // Checked here so a bad client option fails where it is written, not at the first call.
    checkTimeout(config.timeout);
    checkRetries(config.maxRetries);
    this.#config = config;
    this.#base = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
  }

  /** Base URL requests go to, e.g. `https://api.kler.africa/v1/`. */
  get baseUrl(): string {
    return this.#base.href;
  }

  /** Sends `req`, retrying as the policy allows, and resolves to the validated `data`. */
  async request<T>(req: ApiRequest<T>, options: RequestOptions = {}): Promise<T> {
    if (!this.#config.apiKey) {
      throw new KlerConfigurationError(
        'No Kler API key: pass `apiKey` to `new KlerClient({ apiKey })` or set the KLER_API_KEY environment variable.',
      );
    }
    const url = new URL(req.path, this.#base);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const method = req.method;
    const where = url.pathname;
    const timeout = checkTimeout(options.timeout ?? this.#config.timeout);
    const maxRetries = checkRetries(options.maxRetries ?? this.#config.maxRetries);
    const init: Options = { method, timeout };
    if (req.body !== undefined) init.json = req.body;
    if (options.headers) init.headers = options.headers;
    if (options.signal) init.signal = options.signal;
    let answer: RawAnswer;
    try {
      answer = await this.#instance(maxRetries)(url, init).json<RawAnswer>();
    } catch (error) {
      throw toKlerError(error, { method, where, timeout, signal: options.signal, apiKey: this.#config.apiKey });
    }
    return parseBody(answer.text, req.schema, { method, where, status: answer.status, apiKey: this.#config.apiKey });
  }

  #instance(maxRetries: number): KyInstance {
    let instance = this.#instances.get(maxRetries);
    if (!instance) {
      instance = createKy(this.#config, maxRetries);
      this.#instances.set(maxRetries, instance);
    }
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
function createKy(config: TransportConfig, maxRetries: number): KyInstance {
  const apiKey = config.apiKey;
  return ky.create({
    fetch: config.fetch,
    throwHttpErrors: true,
    retry: {
      limit: maxRetries,
      methods: ['get', 'post', 'patch'],
      statusCodes: RETRYABLE_STATUSES,
      afterStatusCodes: [429, 503],
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

/** A body before parsing, with the status it came with. */
class RawAnswer {
  constructor(
    readonly text: string,
    readonly status: number,
  ) {}
}

const keepRawAnswer = (text: string, { response }: { response: Response }): RawAnswer =>
  new RawAnswer(text, response.status);

/**
 * The error body as the user should see it: ky parsed JSON error bodies with `keepRawAnswer`
 * too, so unwrap and parse them here. ky hands over any other body as text; one that is JSON all
 * the same (a server that forgot its content type) is parsed too, so its message is found.
 */
function errorBody(data: unknown): unknown {
  const text = data instanceof RawAnswer ? data.text : data;
  if (typeof text !== 'string') return text;
  if (text === '') return undefined;
  if (!(data instanceof RawAnswer) && !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function checkTimeout(timeout: number): number {
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT) {
    throw new KlerConfigurationError(`timeout must be a number of milliseconds from 1 to ${MAX_TIMEOUT}, got ${timeout}.`);
  }
  return timeout;
}

function checkRetries(maxRetries: number): number {
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new KlerConfigurationError(`maxRetries must be a whole number of 0 or more, got ${maxRetries}.`);
  }
  return maxRetries;
}

interface CallInfo {
  method: string;
  where: string;
  status: number;
  apiKey: string | undefined;
}

function parseBody<T>(text: string, schema: Model<T>, call: CallInfo): T {
  const { method, where, status, apiKey } = call;
  const fail = (summary: string, issues: { path: string; message: string }[] = []) =>
    new KlerResponseValidationError({
      method,
      path: where,
      status,
      rawBody: scrubText(text, apiKey),
      summary,
      issues: issues.map((issue) => ({ path: issue.path, message: scrubText(issue.message, apiKey) })),
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail(text.trim() === '' ? 'the body is empty' : 'the body is not JSON');
  }
  const envelope = validate(EnvelopeModel, json);
  if (!envelope.ok) throw fail('the body is not the `{ "success": true, "data": … }` envelope');
  const result = validate(schema, envelope.value.data);
  if (result.ok) return result.value;
  throw fail('`data` does not match the documented shape', result.issues);
}

/**
 * ky's errors carry the request and options, whose headers hold the API key, and the error body,
 * which may echo it: they are kept as `cause` for debugging, but with those properties removed
 * (the body is on the KlerAPIError, scrubbed).
 */
function redact(error: unknown): unknown {
  if (error instanceof Error) {
    for (const key of ['request', 'options', 'response', 'data'] as const) {
      if (Object.hasOwn(error, key)) Object.defineProperty(error, key, { value: undefined, enumerable: false });
    }
  }
  return error;
}

function toKlerError(
  error: unknown,
  call: { method: string; where: string; timeout: number; signal: AbortSignal | undefined; apiKey: string | undefined },
): KlerError {
  if (error instanceof KlerError) return error;
  const { method, where } = call;
  const unsafe = method !== 'GET';
  if (isHTTPError(error)) {
    const { status, statusText, headers } = error.response;
    const body = scrubJson(errorBody(error.data), call.apiKey);
    return makeAPIError({ status, statusText: scrubText(statusText, call.apiKey), headers, method, path: where, body }, redact(error));
  }
  if (call.signal?.aborted) {
    return new KlerAbortError(
      `${method} ${where} was aborted by the caller's AbortSignal.` +
        (unsafe ? ' Kler may already have processed it.' : ''),
      // Kler may have received it, whatever the method (as for a timeout); only a write's
      // message needs the warning.
      { mayHaveBeenProcessed: true, cause: redact(error) },
    );
  }
  if (isTimeoutError(error)) {
    return new KlerTimeoutError(
      `No answer from Kler to ${method} ${where} within ${call.timeout} ms.${unsafe ? NOT_RETRIED_NOTE : ''}`,
      { mayHaveBeenProcessed: true, cause: redact(error) },
    );
  }
  const neverSent = failedBeforeSending(error);
  const reason = describeNetworkFailure(error);
  return new KlerConnectionError(
    `Could not reach Kler for ${method} ${where}: ${reason}.` +
      (neverSent
        ? ' The request was never sent, so Kler did not process it.'
        : unsafe
          ? ` The connection failed after the request may have been sent.${NOT_RETRIED_NOTE}`
          : ''),
    { mayHaveBeenProcessed: !neverSent, cause: redact(error) },
  );
}

function describeNetworkFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = isNetworkError(error) ? error.cause : error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}
