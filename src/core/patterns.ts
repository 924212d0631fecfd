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

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether year-month-day is a day of the calendar (no 30 February, which `Date.parse` accepts). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Whether `value` is an ISO 8601 timestamp with seconds and a `Z` or `±hh:mm` offset, such as
 * `"2025-08-01T18:32:00.000Z"`, naming a real calendar day and time.
 */
export function isIsoTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, offsetHour, offsetMinute] = match.map((part) => Number(part ?? 0));
  return (
    isCalendarDay(year!, month!, day!) &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offsetHour! < 24 &&
    offsetMinute! < 60
  );
}

/** Whether `value` is a calendar date `YYYY-MM-DD`, such as `"2025-08-01"`. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}
