/**
 * The fault switch: makes the next N calls to a route fail in a chosen way, so users can test
 * how their code copes with Kler being slow, down, or answering garbage.
 */
import { KlerMockError } from './errors.js';
import { ROUTE_NAMES, type KlerMockRoute } from './routes.js';

/**
 * One way for a call to go wrong. Every variant may add `delayMs`, a wait before the answer
 * (or before the connection drops).
 * - `{ status }`: answer this HTTP status (default body: a Kler-style error; pass `body` and
 *   `headers` to shape it, e.g. `{ status: 429, headers: { 'retry-after': '1' } }`).
 * - `{ malformed: true }`: answer 200 with a truncated JSON body.
 * - `{ drop: true }`: close the connection without an answer (a network error for the client).
 * - `{ delayMs }` alone: answer normally, late (for timeout tests).
 */
export type KlerMockFault =
  | {
      /** The HTTP status to answer, 200 to 599. */
      status: number;
      /** The body to answer: JSON-serialised, or a string sent as is. @default a Kler-style error (`{ success: false, error: { code, message } }`) */
      body?: unknown;
      /** Headers to add to the answer, e.g. `{ 'retry-after': '1' }`. @default {} */
      headers?: Record<string, string>;
      /** Milliseconds to wait before answering. @default 0 */
      delayMs?: number;
    }
  | {
      /** Answer 200 with a truncated JSON body. */
      malformed: true;
      /** Milliseconds to wait before answering. @default 0 */
      delayMs?: number;
    }
  | {
      /** Close the connection without an answer. */
      drop: true;
      /** Milliseconds to wait before dropping the connection. @default 0 */
      delayMs?: number;
    }
  | {
      /** Milliseconds to wait before answering normally. */
      delayMs: number;
    };

/** Options of `mock.fail`. */
export interface KlerMockFailOptions {
  /** How many calls the fault applies to; `Infinity` until `clearFaults()`. @default 1 */
  times?: number;
}

/** A route name, or `'*'` for every route. */
export type KlerMockFaultTarget = KlerMockRoute | '*';

interface Armed {
  readonly target: KlerMockFaultTarget;
  readonly fault: KlerMockFault;
  remaining: number;
}

/** Faults waiting to fire, consumed first-in first-out per route. */
export class FaultSwitch {
  #armed: Armed[] = [];

  /** Arms `fault` for the next `times` calls to `target`. */
  add(target: KlerMockFaultTarget, fault: KlerMockFault, options: KlerMockFailOptions = {}): void {
    if (typeof target !== 'string') {
      throw new KlerMockError(`mock.fail() needs a route: '*' or one of: ${ROUTE_NAMES.join(', ')}.`);
    }
    if (target !== '*' && !ROUTE_NAMES.includes(target)) {
      throw new KlerMockError(`Unknown route ${JSON.stringify(target)} for mock.fail(); use '*' or one of: ${ROUTE_NAMES.join(', ')}.`);
    }
    checkFault(fault);
    const times = options.times ?? 1;
    if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
      throw new KlerMockError(`mock.fail() \`times\` must be a whole number of 1 or more, or Infinity; got ${times}.`);
    }
    this.#armed.push({ target, fault, remaining: times });
  }

  /** The fault for this call to `route`, if one is armed; counts it as used. */
  take(route: KlerMockRoute): KlerMockFault | undefined {
    const armed = this.#armed.find((a) => a.remaining > 0 && (a.target === '*' || a.target === route));
    if (!armed) return undefined;
    armed.remaining -= 1;
    this.#armed = this.#armed.filter((a) => a.remaining > 0);
    return armed.fault;
  }

  /** How many faulty calls are still armed (Infinity when one is unlimited). */
  get pending(): number {
    return this.#armed.reduce((sum, a) => sum + a.remaining, 0);
  }

  clear(): void {
    this.#armed = [];
  }
}

/** The longest wait a JavaScript timer can do: `setTimeout` fires after 1 ms beyond it. */
const MAX_DELAY_MS = 2_147_483_647;

const NEEDS_FAULT = 'mock.fail() needs a fault: { status }, { malformed: true }, { drop: true } or { delayMs }.';

/**
 * Checks a fault as strictly as its type, because it also arrives as JSON (`POST /_mock/fail`):
 * `{ malformed: false }` must not inject a malformed body, and headers must be text.
 */
function checkFault(fault: KlerMockFault): void {
  if (!fault || typeof fault !== 'object' || Array.isArray(fault)) throw new KlerMockError(NEEDS_FAULT);
  const kinds = (['status', 'malformed', 'drop'] as const).filter((kind) => kind in fault);
  if (kinds.length > 1) throw new KlerMockError(`A fault is one of { status }, { malformed: true } or { drop: true }, not ${kinds.join(' and ')} together.`);
  for (const flag of ['malformed', 'drop'] as const) {
    if (flag in fault && (fault as Record<string, unknown>)[flag] !== true) {
      throw new KlerMockError(`A fault's ${flag} must be true (leave it out otherwise), got ${String((fault as Record<string, unknown>)[flag])}.`);
    }
  }
  const headers: unknown = 'status' in fault ? fault.headers : undefined;
  if (headers !== undefined && (headers === null || typeof headers !== 'object' || Object.values(headers).some((v) => typeof v !== 'string'))) {
    throw new KlerMockError("A fault's headers must be an object of strings, e.g. { 'retry-after': '1' }.");
  }
  const delay = fault.delayMs;
  // Timers take at most 2^31 - 1 ms (about 24.8 days); a longer delay would fire after 1 ms.
  if (delay !== undefined && !(typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 && delay <= MAX_DELAY_MS)) {
    throw new KlerMockError(`A fault's delayMs must be a number of milliseconds from 0 to ${MAX_DELAY_MS} (about 24.8 days), got ${String(delay)}.`);
  }
  if ('status' in fault && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
    throw new KlerMockError(`A fault's status must be an HTTP status from 200 to 599, got ${String(fault.status)}.`);
  }
  if (kinds.length === 0 && delay === undefined) throw new KlerMockError(NEEDS_FAULT);
}
