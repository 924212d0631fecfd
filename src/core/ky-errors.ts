/**
 * Turns whatever a ky call threw into the one `KlerError` a user should see: the status error
 * for its status, a timeout, an abort, or a connection failure that says whether Kler may have
 * acted. Everything taken from the server's answer is scrubbed of the API key, and ky's own
 * error is kept as `cause` without the request, options or body it carries.
 */
import { isHTTPError, isNetworkError, isTimeoutError } from './ky-module.js';
import { makeAPIError } from './api-error.js';
import { nestsDeeperThan } from './body.js';
import { KlerAbortError, KlerConnectionError, KlerError, KlerTimeoutError } from './errors.js';
import { failedBeforeSending, NOT_RETRIED_NOTE } from './retry-policy.js';
import { scrubHeaders, scrubJson, scrubText } from './scrub.js';

/** A body before parsing, with the status it came with. */
export class RawAnswer {
  constructor(
    readonly text: string,
    readonly status: number,
  ) {}
}

/** ky's `parseJson` hook: hands back the text and status untouched, for `parseBody` to report both. */
export const keepRawAnswer = (text: string, { response }: { response: Response }): RawAnswer =>
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
  // Kept as text: scrubbing and the message search walk parsed JSON recursively.
  if (nestsDeeperThan(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * ky's errors carry the request and options, whose headers hold the API key, and the error body,
 * which may echo it; a runtime's own message may quote the key too (fetch's "invalid header
 * value"). They are kept as `cause` for debugging, but with those properties removed (the body
 * is on the KlerAPIError, scrubbed) and the key scrubbed from the messages down the chain.
 */
function redact(error: unknown, apiKey: string | undefined): unknown {
  for (let e = error, depth = 0; depth < 5 && e instanceof Error; depth++, e = e.cause) {
    const message = scrubText(e.message, apiKey);
    // defineProperty, not assignment: a DOMException's message is a getter.
    if (message !== e.message) Object.defineProperty(e, 'message', { value: message });
    for (const key of ['request', 'options', 'response', 'data'] as const) {
      if (Object.hasOwn(e, key)) Object.defineProperty(e, key, { value: undefined, enumerable: false });
    }
  }
  return error;
}

/** The `KlerError` for what a call to `method` `where` threw (a KlerError passes through). */
export function toKlerError(
  error: unknown,
  call: {
    method: string;
    where: string;
    timeout: number;
    signal: AbortSignal | undefined;
    apiKey: string | undefined;
    /** Whether an attempt was handed to the network; `false` proves nothing left this machine. */
    sent?: boolean;
  },
): KlerError {
  if (error instanceof KlerError) return error;
  const { method, where } = call;
  const unsafe = method !== 'GET';
  if (isHTTPError(error)) {
    const { status, statusText, headers } = error.response;
    const body = scrubJson(errorBody(error.data), call.apiKey);
    return makeAPIError(
      { status, statusText: scrubText(statusText, call.apiKey), headers: scrubHeaders(headers, call.apiKey), method, path: where, body },
      redact(error, call.apiKey),
    );
  }
  const cause = redact(error, call.apiKey);
  if (call.signal?.aborted) {
    const sent = call.sent !== false;
    return new KlerAbortError(
      `${method} ${where} was aborted by the caller's AbortSignal` +
        (sent ? `.${unsafe ? ' Kler may already have processed it.' : ''}` : ' before it was sent, so Kler did not process it.'),
      // Once sent, Kler may have received it, whatever the method (as for a timeout); only a
      // write's message needs the warning.
      { mayHaveBeenProcessed: sent, cause },
    );
  }
  if (isTimeoutError(error)) {
    return new KlerTimeoutError(
      `No answer from Kler to ${method} ${where} within ${call.timeout} ms.${unsafe ? NOT_RETRIED_NOTE : ''}`,
      { mayHaveBeenProcessed: true, cause },
    );
  }
  const neverSent = call.sent === false || failedBeforeSending(error);
  const reason = describeNetworkFailure(error);
  return new KlerConnectionError(
    `Could not reach Kler for ${method} ${where}: ${reason}.` +
      (neverSent
        ? ' The request was never sent, so Kler did not process it.'
        : unsafe
          ? ` The connection failed after the request may have been sent.${NOT_RETRIED_NOTE}`
          : ''),
    { mayHaveBeenProcessed: !neverSent, cause },
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
