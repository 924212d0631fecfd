/**
 * Every error the SDK throws. Each class has a literal `name` and a static `is()` guard that
 * recognises instances created by another copy of the package (two versions in one
 * `node_modules`, a bundle plus a dependency), where `instanceof` would say no.
 *
 * Fields a constructor assigns are `declare`d (here, in the other error classes, `KlerClient` and
 * `Page`): a plain field declaration compiles to an ES2022 class field, defined as `undefined`
 * only to be assigned right after, which across these classes adds bytes to users' bundles for
 * nothing.
 */
import type { $ZodIssue } from 'zod/v4/core';
import { issueLines } from './issues.js';

/**
 * Marks an error as one of ours. `Symbol.for` gives the same key in every copy of the package,
 * and the value lists the class names from the leaf up, so `KlerAPIError.is(err)` holds for a
 * `KlerNotFoundError` made by a different copy.
 */
const KINDS = Symbol.for('@kler/sdk.errorKinds');

type ErrorClass = { readonly kind: string };

function kindsOf(ctor: unknown): string[] {
  const kinds: string[] = [];
  let current: unknown = ctor;
  while (typeof current === 'function' && Object.hasOwn(current, 'kind')) {
    kinds.push((current as unknown as ErrorClass).kind);
    current = Object.getPrototypeOf(current);
  }
  return kinds;
}

/** Base class of every error thrown by `@kler/sdk`. */
export class KlerError extends Error {
  /** The class's name, stable across minification and package copies. */
  static readonly kind: string = 'KlerError';
  /**
   * The class's name (`'KlerError'`, `'KlerNotFoundError'`, …), the same after minification: the
   * class's `kind`, which each class declares once.
   */
  override readonly name: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = (new.target as unknown as ErrorClass).kind;
    Object.defineProperty(this, KINDS, { value: kindsOf(new.target), enumerable: false });
  }

  /**
   * Whether `value` is an instance of this class (or a subclass), also when it was created by
   * another copy of `@kler/sdk`.
   * @example
   * if (KlerRateLimitError.is(err)) await sleep(err.retryAfter ?? 1000);
   */
  static is<T extends abstract new (...args: never[]) => KlerError>(
    this: T & ErrorClass,
    value: unknown,
  ): value is InstanceType<T> {
    if (value instanceof this) return true;
    const kinds = (value as { [KINDS]?: unknown } | null)?.[KINDS];
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }
}

/**
 * Whether `value` is any error thrown by `@kler/sdk`, from this or another copy of the package.
 * @example
 * try {
 *   await kler.sessions.retrieve(sessionId);
 * } catch (error) {
 *   if (isKlerError(error)) console.error(error.name, error.message);
 *   else throw error;
 * }
 */
export function isKlerError(value: unknown): value is KlerError {
  return KlerError.is(value);
}

/** A configuration problem found before any request was sent (for example a missing API key). */
export class KlerConfigurationError extends KlerError {
  static override readonly kind: string = 'KlerConfigurationError';
}

/**
 * One problem found in the arguments of a call: a zod issue (`code`, `path`, `message`, …) with
 * the dotted path of the offending field.
 */
export type KlerParamIssue = $ZodIssue & {
  /** Dotted path of the field, e.g. `collection.pos_count` (`''` for the params object itself). */
  readonly field: string;
};

/**
 * The arguments of a method were invalid, so no request was sent. `field` names the first
 * offending field; `issues` lists them all.
 */
export class KlerInvalidParamsError extends KlerError {
  static override readonly kind: string = 'KlerInvalidParamsError';
  /** Dotted path of the first offending field (`''` when the params object itself is wrong). */
  declare readonly field: string;
  /** Every problem found, in order. */
  declare readonly issues: readonly KlerParamIssue[];

  /**
   * @param issues zod's issues, or `{ field, message }` for a check made outside a schema (an
   * id argument, an option), which becomes a `custom` issue at that field.
   */
  constructor(method: string, issues: readonly (KlerParamIssue | { readonly field: string; readonly message: string })[]) {
    const all = issues.map(toParamIssue);
    super(`Invalid arguments to ${method}; no request was sent:\n${issueLines(all, '(params)', Infinity)}`);
    this.issues = all;
    this.field = all[0]?.field ?? '';
  }
}

function toParamIssue(issue: KlerParamIssue | { readonly field: string; readonly message: string }): KlerParamIssue {
  return 'code' in issue ? issue : { code: 'custom', path: issue.field ? issue.field.split('.') : [], message: issue.message, field: issue.field };
}

/** What the SDK kept of a non-2xx answer from Kler. */
export interface KlerAPIErrorInit {
  /** The HTTP status code. */
  readonly status: number;
  /** The body as received: parsed JSON when it was JSON, otherwise the text (or `undefined`). */
  readonly body: unknown;
  /** The response headers; a request id is read from them. */
  readonly headers: Headers;
  /** The HTTP method of the failed request. */
  readonly method: string;
  /** The path of the failed request (no host, no query). */
  readonly path: string;
  /** The error's message. */
  readonly message: string;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-kler-request-id', 'x-correlation-id'];

/** The request id a response header carries, when Kler or a proxy sent one. */
export const requestIdOf = (headers: Headers): string | undefined =>
  REQUEST_ID_HEADERS.map((h) => headers.get(h)).find((v) => v) ?? undefined;

/** Kler answered with a non-2xx status. Subclasses name the status; see `status` and `body`. */
export class KlerAPIError extends KlerError {
  static override readonly kind: string = 'KlerAPIError';
  /** The HTTP status code. */
  declare readonly status: number;
  /** The raw body: parsed JSON when Kler sent JSON, the text otherwise, `undefined` if empty. */
  declare readonly body: unknown;
  /** The response headers. */
  declare readonly headers: Headers;
  /** A request id from the response headers, when Kler or a proxy sent one. Quote it to support. */
  declare readonly requestId: string | undefined;
  /** The HTTP method of the failed request. */
  declare readonly method: string;
  /** The path of the failed request (no host, no query). */
  declare readonly path: string;

  constructor(init: KlerAPIErrorInit, options?: { cause?: unknown }) {
    super(init.message, options);
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.method = init.method;
    this.path = init.path;
    this.requestId = requestIdOf(init.headers);
  }
}

/** 400: Kler rejected the request as malformed. */
export class KlerBadRequestError extends KlerAPIError {
  static override readonly kind: string = 'KlerBadRequestError';
}
/** 401: the API key is missing, wrong or revoked. */
export class KlerAuthenticationError extends KlerAPIError {
  static override readonly kind: string = 'KlerAuthenticationError';
}
/** 403: the API key may not do this (for example another organisation's session). */
export class KlerPermissionDeniedError extends KlerAPIError {
  static override readonly kind: string = 'KlerPermissionDeniedError';
}
/** 404: no such session, transaction or route. */
export class KlerNotFoundError extends KlerAPIError {
  static override readonly kind: string = 'KlerNotFoundError';
}
/** 409: the request conflicts with the resource's state (for example closing a closed session). */
export class KlerConflictError extends KlerAPIError {
  static override readonly kind: string = 'KlerConflictError';
}
/** 422: the request was well-formed but Kler refused its content. */
export class KlerUnprocessableEntityError extends KlerAPIError {
  static override readonly kind: string = 'KlerUnprocessableEntityError';
}
/** 429: too many requests. `retryAfter` is the wait Kler asked for, in milliseconds. */
export class KlerRateLimitError extends KlerAPIError {
  static override readonly kind: string = 'KlerRateLimitError';
  /** Milliseconds to wait, from `Retry-After` (seconds or HTTP date) or a rate-limit reset header, when Kler sent one. */
  declare readonly retryAfter: number | undefined;

  constructor(init: KlerAPIErrorInit & { retryAfter?: number | undefined }, options?: { cause?: unknown }) {
    super(init, options);
    this.retryAfter = init.retryAfter;
  }
}
/** 5xx: Kler (or a proxy in front of it) failed. */
export class KlerInternalServerError extends KlerAPIError {
  static override readonly kind: string = 'KlerInternalServerError';
}

/**
 * The request failed without an HTTP answer: DNS, refused or reset connection, abort, timeout.
 * `mayHaveBeenProcessed` says whether Kler may have acted on it, which matters for
 * `sessions.create`: if it is `true`, check before creating again.
 */
export class KlerConnectionError extends KlerError {
  static override readonly kind: string = 'KlerConnectionError';
  /**
   * `false` only when the SDK knows the request never left this machine (connection refused,
   * DNS failure); `true` whenever Kler might have received it.
   */
  declare readonly mayHaveBeenProcessed: boolean;

  constructor(message: string, init: { mayHaveBeenProcessed: boolean; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.mayHaveBeenProcessed = init.mayHaveBeenProcessed;
  }
}

/** No answer arrived within `timeout` milliseconds. */
export class KlerTimeoutError extends KlerConnectionError {
  static override readonly kind: string = 'KlerTimeoutError';
}

/**
 * The caller's `AbortSignal` cancelled the request. `mayHaveBeenProcessed` is `false` only when
 * the signal fired before the request was handed to the network.
 */
export class KlerAbortError extends KlerConnectionError {
  static override readonly kind: string = 'KlerAbortError';
}

/**
 * One way in which a value differed from its schema: a zod issue (`code`, `path`, `message`, …),
 * so zod's own formatters (`z.prettifyError`, `z.treeifyError`) read it. For a response, `path`
 * is inside the unwrapped `data` (`['pos_terminals', 0, 'terminal_id']`), or from the body's
 * root when the `{ success, data }` envelope itself is wrong.
 */
export type KlerSchemaIssue = $ZodIssue;

/**
 * Kler answered 2xx, but the body is not what the API promises (not JSON, no `{ success, data }`
 * envelope, or `data` failing the schema). Not an API error: the request itself succeeded, so
 * after a POST or PATCH Kler did act (the session exists): do not send it again; its id is in
 * `rawBody`.
 */
export class KlerResponseValidationError extends KlerError {
  static override readonly kind: string = 'KlerResponseValidationError';
  /** Every way the body differed from the schema. */
  declare readonly issues: readonly KlerSchemaIssue[];
  /** The body exactly as received, as text. */
  declare readonly rawBody: string;
  /** The HTTP status of the (successful) response. */
  declare readonly status: number;
  /** The HTTP method of the request. */
  declare readonly method: string;
  /** The path of the request (no host, no query). */
  declare readonly path: string;

  constructor(init: {
    issues: readonly KlerSchemaIssue[];
    rawBody: string;
    status: number;
    method: string;
    path: string;
    summary: string;
  }) {
    super(
      `Kler answered ${init.method} ${init.path} with ${init.status}, but ${init.summary}` +
        (init.issues.length ? `:\n${issueLines(init.issues, '(body)')}` : '.') +
        // A 2xx to a write means Kler acted: resending would create (or close) a second time.
        (init.method !== 'GET' ? `\nKler did act on this ${init.method}: do not resend it (see rawBody).` : ''),
    );
    this.issues = init.issues;
    this.rawBody = init.rawBody;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
  }
}

/** Why a webhook delivery was rejected. */
export type KlerWebhookVerificationReason =
  | 'missing_header'
  | 'invalid_header'
  | 'no_matching_signature'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'payload_not_raw'
  | 'invalid_payload';

/** A webhook delivery could not be verified or parsed; `reason` says why in one code. */
export class KlerWebhookVerificationError extends KlerError {
  static override readonly kind: string = 'KlerWebhookVerificationError';
  /** Why the delivery was rejected, as a short code; the message says how to fix it. */
  declare readonly reason: KlerWebhookVerificationReason;
  /**
   * For `invalid_payload` of a verified body that is not the documented event shape: zod's
   * issues, with paths from the body's root (`['data', 'amount']`). Empty otherwise.
   */
  declare readonly issues: readonly KlerSchemaIssue[];

  constructor(
    reason: KlerWebhookVerificationReason,
    message: string,
    options?: { cause?: unknown; issues?: readonly KlerSchemaIssue[] },
  ) {
    super(message, options);
    this.reason = reason;
    this.issues = options?.issues ?? [];
  }
}

/**
 * `kler.webhooks.confirm(event)` re-fetched the transaction and Kler disagrees with the delivery:
 * do not act on it. `field` names what differs; `expected` is the delivery's value, `actual`
 * Kler's.
 */
export class KlerWebhookConfirmationError extends KlerError {
  static override readonly kind: string = 'KlerWebhookConfirmationError';
  /**
   * The first field that disagreed: `id`, `session_id`, `amount`, `currency`, `channel`,
   * `status`, a sender field, `narration`, `providus_ref`, `terminal_id`, `operator_id` or
   * `paid_at`.
   */
  declare readonly field: string;
  /** The value in the webhook delivery. */
  declare readonly expected: unknown;
  /** The value Kler's API returned. */
  declare readonly actual: unknown;
  /** The transaction the delivery named, when it named one. */
  declare readonly transactionId: string | undefined;

  constructor(init: { field: string; expected: unknown; actual: unknown; transactionId?: string | undefined; message: string }) {
    super(init.message);
    this.field = init.field;
    this.expected = init.expected;
    this.actual = init.actual;
    this.transactionId = init.transactionId;
  }
}
