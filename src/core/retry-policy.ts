import { isHTTPError, isNetworkError, isTimeoutError } from './ky-module.js';

/**
 * Appended to the error of a POST/PATCH that failed after it may have reached Kler (decision 6):
 * what happened, and what to do before sending it again.
 */
export const NOT_RETRIED_NOTE =
  ' It was not retried: Kler may have processed it and has no idempotency keys, so check (retrieve the session) before sending it again.';

/** Longest `Retry-After` the SDK waits for by itself; a longer wait is handed to the caller. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Statuses worth trying again: request timeout, rate limit, and server-side failures. */
export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 529];

/** Error codes (Node/undici, Bun, Deno wording) meaning no byte of the request left this machine. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  'FailedToOpenSocket',
]);
const NEVER_SENT_MESSAGES = /connection refused|dns error|failed to lookup address|name or service not known/i;

/**
 * Whether a network failure provably happened before the request was sent: the connection was
 * refused or the host could not be resolved. Anything else (a reset, a socket closed mid-way,
 * an unknown runtime's error) might have reached Kler.
 */
export function failedBeforeSending(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    const { code, syscall } = current as { code?: unknown; syscall?: unknown };
    // EHOSTUNREACH and friends can also end an open connection, mid-request: only a failure to
    // connect (no `read`/`write` syscall) proves nothing was sent.
    if (typeof code === 'string' && NEVER_SENT_CODES.has(code) && syscall !== 'read' && syscall !== 'write') return true;
    if (NEVER_SENT_MESSAGES.test(current.message)) return true;
    // undici nests the socket error inside an AggregateError when it tried several addresses.
    if (current instanceof AggregateError && current.errors.length > 0 && current.errors.every((e) => failedBeforeSending(e))) return true;
    current = current.cause;
  }
  return false;
}

/** Parses `Retry-After` (delay seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait a retried status asks for, in milliseconds: `Retry-After`, or failing that the rate-limit
 * reset headers ky also honours (delta seconds, or epoch seconds for values after 2024). Read the
 * same way as ky reads them, so the 60 s cap and `retryAfter` cover every header ky would wait on.
 */
export function requestedWait(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) return parseRetryAfter(retryAfter, now);
  const h = (name: string) => headers.get(name);
  const reset = h('ratelimit-reset') ?? h('x-ratelimit-retry-after') ?? h('x-ratelimit-reset') ?? h('x-rate-limit-reset');
  const ms = reset ? Number(reset) * 1000 : Number.NaN;
  return Number.isFinite(ms) ? Math.max(0, ms >= EPOCH_2024_MS ? ms - now : ms) : undefined;
}

/** Where ky starts reading a reset header as a timestamp rather than a delay. */
const EPOCH_2024_MS = Date.UTC(2024, 0, 1);

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Decision 6 as a function: may this failed attempt be tried again?
 * - GET: network errors, timeouts, 408, 429 and 5xx.
 * - POST/PATCH: Kler has no idempotency keys, so only when Kler provably did not act on the
 *   request: a 429 (rejected before processing) or a connection that never opened.
 * - Never when Kler asks for a wait longer than MAX_RETRY_AFTER_MS: the caller decides then.
 * An error without its request is treated as unsafe: when in doubt, do not resend.
 * Returns `false` to stop, or `undefined` to let ky apply its own checks (status list, and the
 * `Retry-After` timing it only honours on that path).
 */
export function shouldRetry(error: unknown): false | undefined {
  // ky's HTTPError, TimeoutError and NetworkError all carry the request that failed.
  const method = (error as { request?: { method?: unknown } } | null)?.request?.method;
  const safe = typeof method === 'string' && SAFE_METHODS.has(method.toUpperCase());
  if (isHTTPError(error)) {
    const { status, headers } = error.response;
    if (!RETRYABLE_STATUSES.includes(status)) return false;
    if (!safe && status !== 429) return false;
    const wait = requestedWait(headers);
    if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) return false;
    return undefined;
  }
  if (isTimeoutError(error)) return safe ? undefined : false;
  if (isNetworkError(error)) return safe || failedBeforeSending(error) ? undefined : false;
  return false;
}

/** Exponential backoff: 0.5 s, 1 s, 2 s, 4 s, capped at 8 s, before jitter. */
export function backoffDelay(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** (attempt - 1));
}

/** Spreads retries from many clients over the last quarter of the delay, so they do not align. */
export function jitter(delay: number): number {
  return delay * (1 - Math.random() * 0.25);
}
