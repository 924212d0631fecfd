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

/** A timestamp's shape, the time's ranges included (hours 00–23, minutes and seconds 00–59). */
const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/**
 * Whether a match of `TIMESTAMP` or `DATE` names a day of the calendar (no 30 February, which
 * `Date.parse` accepts): its groups 1 to 3 are year, month and day.
 */
function isCalendarDay(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day;
}

/**
 * Whether `value` is an ISO 8601 timestamp with seconds and a `Z` or `±hh:mm` offset, such as
 * `"2025-08-01T18:32:00.000Z"`, naming a real calendar day and time.
 */
export function isIsoTimestamp(value: string): boolean {
  return isCalendarDay(TIMESTAMP.exec(value));
}

/** Whether `value` is a calendar date `YYYY-MM-DD`, such as `"2025-08-01"`. */
export function isIsoDate(value: string): boolean {
  return isCalendarDay(DATE.exec(value));
}
