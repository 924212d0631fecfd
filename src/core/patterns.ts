/**
 * Plain patterns shared by the zod schemas and by the zod-free code that must check the same
 * rules (the webhook entry, money helpers). Keeping them here, not in `schemas/`, means
 * importing one never pulls zod into a bundle.
 */

/**
 * The decimal-string form of an amount in naira: optional minus, digits, up to two decimals
 * (`"5000.00"`, `"5000.5"`, `"5000"`). No exponent, no thousands separator, no sign `+`.
 */
export const AMOUNT_PATTERN = /^-?\d+(?:\.\d{1,2})?$/;

/**
 * A timestamp's shape, the time's ranges included (hours 00–23, minutes and seconds 00–59).
 * No capture groups: `isCalendarDay` reads the date digits at their fixed places, which is
 * several times faster than allocating a match (this runs on every webhook and response).
 */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const DATE = /^\d{4}-\d\d-\d\d$/;

/** The number written by the ASCII digits of `value` from `start` to `end` (already checked). */
function digitsAt(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

/**
 * Whether a value starting `YYYY-MM-DD` names a day of the calendar (no 30 February, which
 * `Date.parse` accepts). Proleptic Gregorian, as `Date` counts: leap years are those divisible
 * by 4, except centuries not divisible by 400.
 */
function isCalendarDay(value: string): boolean {
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2) return day <= (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28);
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/**
 * Whether `value` is an ISO 8601 timestamp with seconds and a `Z` or `±hh:mm` offset, such as
 * `"2025-08-01T18:32:00.000Z"`, naming a real calendar day and time.
 */
export function isIsoTimestamp(value: string): boolean {
  return TIMESTAMP.test(value) && isCalendarDay(value);
}

/** Whether `value` is a calendar date `YYYY-MM-DD`, such as `"2025-08-01"`. */
export function isIsoDate(value: string): boolean {
  return DATE.test(value) && isCalendarDay(value);
}
