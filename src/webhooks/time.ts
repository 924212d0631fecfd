/**
 * Clock handling shared by the schemes: reading the `now` option, and describing how far apart
 * two clocks are in words a person can act on.
 */
import { KlerConfigurationError } from '../core/errors.js';

/** The default replay window of Standard Webhooks, both ways. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Current unix time in seconds, from the `now` option (a `Date` or epoch milliseconds, as
 * `Date.now()` returns) or the system clock.
 * @throws {KlerConfigurationError} when `now` is not a valid time or looks like seconds.
 */
export function nowInSeconds(now: Date | number | undefined): number {
  const ms = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new KlerConfigurationError(`\`now\` must be a Date or epoch milliseconds (Date.now()), got ${String(now)}.`);
  }
  // Below 1e11 ms is 1973 or earlier: it was meant as seconds.
  if (typeof now === 'number' && Math.abs(ms) < 1e11) {
    throw new KlerConfigurationError(`\`now\` is in milliseconds, but ${now} looks like seconds: pass ${now} * 1000 or a Date.`);
  }
  return Math.floor(ms / 1000);
}

/**
 * Checks the tolerance option: a number of seconds, 0 meaning exactly 0, `Infinity` turning the
 * timestamp check off explicitly (never implied by a falsy value).
 */
export function checkTolerance(toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): number {
  if (typeof toleranceSeconds !== 'number' || !(toleranceSeconds >= 0)) {
    throw new KlerConfigurationError(
      `toleranceSeconds must be a number of seconds, 0 or more, got ${String(toleranceSeconds)}.`,
    );
  }
  return toleranceSeconds;
}

const UNITS = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
] as const;

/** `412` → `"412 s (6 min 52 s)"`: exact seconds, plus the two largest units for large gaps. */
export function describeSeconds(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${s} s`;
  const i = UNITS.findIndex(([size]) => s >= size);
  const [[big, bigName], [small, smallName]] = [UNITS[i]!, UNITS[i + 1]!];
  const rest = Math.floor((s % big) / small);
  return `${s} s (${Math.floor(s / big)} ${bigName}${rest ? ` ${rest} ${smallName}` : ''})`;
}

/** ISO form of unix seconds, for messages. */
export function isoOf(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds}` : date.toISOString();
}
