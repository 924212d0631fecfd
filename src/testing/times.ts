/**
 * Times a test hands the fake (`paid_at`, `settle({ at })`). The fake writes them back out as
 * ISO text, and a date the SDK's models cannot read (an Invalid Date, a six-digit year) would be
 * stored and then break every later read of the session, far from the call that caused it. So
 * they are checked on the way in.
 */
import { describe } from '../core/params.js';
import { TimestampSchema } from '../schemas/common.js';

const isIsoTimestamp = (value: string): boolean => TimestampSchema.safeParse(value).success;

/** Whether `value` is a Date, also one made in another realm (a vm context, an iframe). */
const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

/** Whether `value` is a valid Date whose `toISOString()` the SDK reads as a timestamp (years 0000–9999). */
export function isTimestampDate(value: unknown): value is Date {
  return isDate(value) && !Number.isNaN(value.getTime()) && isIsoTimestamp(value.toISOString());
}

/** Names a rejected time in an error message: `an Invalid Date`, `the Date +010000-01-01T…`, a quoted string… */
export function describeTime(value: unknown): string {
  if (!isDate(value)) return describe(value);
  return Number.isNaN(value.getTime()) ? 'an Invalid Date' : `the Date ${value.toISOString()}`;
}

/**
 * A Date for `value`, a Date or an ISO 8601 string with a UTC offset (without one, the time would
 * depend on the machine's zone); `undefined` when it is neither.
 */
export function timeOf(value: unknown): Date | undefined {
  if (typeof value === 'string') return isIsoTimestamp(value) ? new Date(value) : undefined;
  return isTimestampDate(value) ? value : undefined;
}
