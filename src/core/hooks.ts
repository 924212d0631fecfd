import { KlerConfigurationError, KlerError } from './errors.js';

/** What every hook is told about the attempt it observes. */
export interface KlerHookContext {
  /** The SDK call, e.g. `'sessions.create'`, `'transactions.list'` (one call per page). */
  readonly operation: string;
  /** HTTP method. */
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** The full request URL, query included (the API key travels in a header, never here). */
  readonly url: string;
  /** The path template, e.g. `/v1/transactions/{transaction_id}`: the same for every id. */
  readonly urlTemplate: string;
  /** The ids in the path by template name, e.g. `{ transaction_id: 'txn_1' }`. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** Which attempt this is: 1 for the first, 2 for the first retry, … */
  readonly attempt: number;
}

/** `beforeRequest`'s context: the attempt about to be sent, with its headers. */
export interface KlerBeforeRequestContext extends KlerHookContext {
  /**
   * The headers about to be sent, without `x-api-key`. Set or delete headers here (a tracing
   * header, a correlation id); they are copied onto the request when the hook returns. Setting
   * `x-api-key` fails the call with `KlerHookError`: the key comes from the client only.
   */
  readonly headers: Headers;
}

/** `afterResponse`'s context: an HTTP answer to one attempt (any status, before it is read). */
export interface KlerAfterResponseContext extends KlerHookContext {
  /** The HTTP status. */
  readonly status: number;
  /** A copy of the response headers, any echo of the API key in them redacted. */
  readonly headers: Headers;
  /** The request id a response header carried, if any (redacted like `headers`). */
  readonly requestId: string | undefined;
  /** Milliseconds from sending to the response headers. */
  readonly durationMs: number;
}

/** Why an attempt is retried. */
export type KlerRetryReason = 'status' | 'timeout' | 'connection';

/** `beforeRetry`'s context: an attempt failed and the SDK will try again after `delayMs`. */
export interface KlerBeforeRetryContext extends KlerHookContext {
  /** `'status'` (see `status`), `'timeout'`, or `'connection'` (a refused or reset connection). */
  readonly reason: KlerRetryReason;
  /** The failed attempt's HTTP status, when it got one (408, 429, 5xx). */
  readonly status: number | undefined;
  /** Milliseconds the SDK waits before the retry (backoff with jitter, or `Retry-After`). */
  readonly delayMs: number;
}

/** `onError`'s context: the call failed, with the error the caller is about to receive. */
export interface KlerErrorContext extends KlerHookContext {
  /** The error the call rejects with. */
  readonly error: KlerError;
}

/**
 * Functions the SDK calls around every HTTP attempt, on the client (`new KlerClient({ hooks })`)
 * or on one call (`{ hooks }` in its options; those run after the client's). Each may be async:
 * the SDK awaits it, and that time does not count toward `timeout`. A hook that throws fails the
 * call with `KlerHookError` (its `cause` is what the hook threw): a `beforeRequest` that throws
 * means the attempt is never sent.
 * @example
 * const kler = new KlerClient({
 *   hooks: {
 *     beforeRequest: (ctx) => ctx.headers.set('x-correlation-id', currentRequestId()),
 *     afterResponse: (ctx) => metrics.timing('kler.http', ctx.durationMs, { route: ctx.urlTemplate, status: ctx.status }),
 *     beforeRetry: (ctx) => console.warn(`retrying ${ctx.operation} in ${ctx.delayMs} ms (${ctx.reason})`),
 *     onError: (ctx) => reportError(ctx.error),
 *   },
 * });
 */
export interface KlerHooks {
  /**
   * Before each attempt is sent, the first and every retry. May add or change headers.
   * @default `undefined`: none
   */
  beforeRequest?: ((ctx: KlerBeforeRequestContext) => void | Promise<void>) | undefined;
  /**
   * After each attempt gets an HTTP answer, whatever its status.
   * @default `undefined`: none
   */
  afterResponse?: ((ctx: KlerAfterResponseContext) => void | Promise<void>) | undefined;
  /**
   * When an attempt failed and will be retried, before the wait.
   * @default `undefined`: none
   */
  beforeRetry?: ((ctx: KlerBeforeRetryContext) => void | Promise<void>) | undefined;
  /**
   * Once per failed call, with the error it rejects with.
   * @default `undefined`: none
   */
  onError?: ((ctx: KlerErrorContext) => void | Promise<void>) | undefined;
}

/**
 * A hook threw (or tried to set `x-api-key`), so the call stopped. `hook` names it and `cause`
 * holds what it threw. `mayHaveBeenProcessed` is `false` when no attempt had reached Kler yet
 * (a `beforeRequest` on the first attempt, a retry of a POST after a 429), `true` otherwise.
 */
export class KlerHookError extends KlerError {
  static override readonly kind: string = 'KlerHookError';
  /** The hook that failed. */
  declare readonly hook: keyof KlerHooks;
  /** Whether Kler may have acted on the request before the hook failed. */
  declare readonly mayHaveBeenProcessed: boolean;

  constructor(message: string, init: { hook: keyof KlerHooks; mayHaveBeenProcessed: boolean; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.hook = init.hook;
    this.mayHaveBeenProcessed = init.mayHaveBeenProcessed;
  }
}

/**
 * Runs `name` from each hook set in order, awaiting each; a throw becomes `KlerHookError`
 * describing where it happened.
 */
export async function runHooks<K extends keyof KlerHooks>(
  sets: readonly (KlerHooks | undefined)[],
  name: K,
  ctx: Parameters<NonNullable<KlerHooks[K]>>[0],
  mayHaveBeenProcessed: boolean,
): Promise<void> {
  for (const hooks of sets) {
    const hook = hooks?.[name] as ((c: typeof ctx) => void | Promise<void>) | undefined;
    if (!hook) continue;
    try {
      await hook.call(hooks, ctx); // as a method: a class instance's hooks keep their `this`
    } catch (cause) {
      throw hookError(name, `threw: ${cause instanceof Error ? cause.message : String(cause)}`, ctx, mayHaveBeenProcessed, cause);
    }
  }
}

/** The `KlerHookError` for hook `name` failing on `ctx`'s attempt. */
export function hookError(
  name: keyof KlerHooks,
  what: string,
  ctx: KlerHookContext,
  mayHaveBeenProcessed: boolean,
  cause?: unknown,
): KlerHookError {
  const where = `${ctx.method} ${ctx.urlTemplate} (attempt ${ctx.attempt})`;
  const outcome = mayHaveBeenProcessed
    ? 'Kler may already have processed the request.'
    : 'The request was not sent, so Kler did not process it.';
  return new KlerHookError(`hooks.${name} ${what}, so ${ctx.operation} stopped at ${where}. ${outcome}`, {
    hook: name,
    mayHaveBeenProcessed,
    cause,
  });
}

const HOOK_NAMES: readonly string[] = ['beforeRequest', 'afterResponse', 'beforeRetry', 'onError'];

/**
 * `hooks` itself, once each hook is a function and, in a plain object, every key is a hook name
 * (a typo such as `beforeResponse` would otherwise never run, silently). An instance of a class
 * may carry other fields.
 */
export function checkHooks(hooks: KlerHooks | undefined, option: string): KlerHooks | undefined {
  if (hooks === undefined) return hooks;
  const plain = [Object.prototype, null].includes(Object.getPrototypeOf(hooks) as object | null);
  for (const name of plain ? Object.keys(hooks) : HOOK_NAMES) {
    const hook = (hooks as Record<string, unknown>)[name];
    if (!HOOK_NAMES.includes(name)) {
      throw new KlerConfigurationError(`${option}.${name} is not a hook; the hooks are ${HOOK_NAMES.join(', ')}.`);
    }
    if (hook !== undefined && typeof hook !== 'function') {
      throw new KlerConfigurationError(`${option}.${name} must be a function, got ${typeof hook}.`);
    }
  }
  return hooks;
}
