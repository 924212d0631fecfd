import {
  KlerAPIError,
  KlerAuthenticationError,
  KlerBadRequestError,
  KlerConflictError,
  KlerInternalServerError,
  KlerNotFoundError,
  KlerPermissionDeniedError,
  KlerRateLimitError,
  KlerUnprocessableEntityError,
  type KlerAPIErrorInit,
} from './errors.js';
import { NOT_RETRIED_NOTE, requestedWait } from './retry-policy.js';

const CLASS_BY_STATUS: Record<number, typeof KlerAPIError> = {
  400: KlerBadRequestError,
  401: KlerAuthenticationError,
  403: KlerPermissionDeniedError,
  404: KlerNotFoundError,
  409: KlerConflictError,
  422: KlerUnprocessableEntityError,
};

const HINTS: Record<number, string> = {
  401: 'Check the API key: pass `apiKey` to KlerClient or set KLER_API_KEY.',
  403: 'This API key cannot access that resource (another organisation\'s session?).',
  429: 'Too many requests; slow down or wait for the time in `retryAfter`.',
};

/**
 * Finds a human message in whatever an error body is: Kler does not document its error
 * envelope, so the common shapes are all tried (`message`, `error`, `error.message`,
 * `errors[0].message`, `detail`). Returns `undefined` when nothing readable is there.
 */
export function extractMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    if (!text) return undefined;
    if (/^\s*<(!doctype|html)/i.test(text)) return 'the body is an HTML page (a proxy or load balancer answered, not the Kler API)';
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'detail', 'msg']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  const error = record['error'];
  if (typeof error === 'string' && error.trim()) return error.trim();
  if (error && typeof error === 'object') return extractMessage(error);
  const errors = record['errors'];
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0];
    return typeof first === 'string' ? first : extractMessage(first);
  }
  return undefined;
}

/** The one factory that turns a non-2xx answer into the right `KlerAPIError` subclass. */
export function makeAPIError(
  init: Omit<KlerAPIErrorInit, 'message'> & { statusText?: string },
  cause?: unknown,
): KlerAPIError {
  const { status, method, path, body, headers } = init;
  const detail = extractMessage(body) ?? (body === undefined || body === '' ? 'empty body' : 'no message in the body');
  let hint = HINTS[status] ? ` ${HINTS[status]}` : status < 400 ? ' Redirects are not followed: check baseUrl.' : '';
  if (method !== 'GET' && (status >= 500 || status === 408)) hint += NOT_RETRIED_NOTE;
  const statusText = init.statusText ? ` ${init.statusText}` : '';
  const message = `Kler answered ${method} ${path} with ${status}${statusText}: ${detail.replace(/\.$/, '')}.${hint}`;
  const full = { status, method, path, body, headers, message };
  if (status === 429) {
    return new KlerRateLimitError({ ...full, retryAfter: requestedWait(headers) }, { cause });
  }
  if (status >= 500) return new KlerInternalServerError(full, { cause });
  const ErrorClass = CLASS_BY_STATUS[status] ?? KlerAPIError;
  return new ErrorClass(full, { cause });
}
