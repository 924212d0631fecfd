/**
 * Clock handling shared by the schemes: reading the `now` option, and describing how far apart
 * two clocks are in words a person can act on.
 */
import { KlerConfigurationError } from '../core/errors.js';

/** The default replay window of Standard Webhooks, both ways. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

// Anything below this many milliseconds is 1973 or earlier: it was meant as seconds.
const MS_THRESHOLD = 1e11;

/**
 * Current unix time in seconds, from the `now` option (a `Date` or epoch milliseconds, as
 * `Date.now()` returns) or the system clock.
 * @throws {KlerConfigurationError} when `now` is not a valid time or looks like seconds.
 */
export function nowInSeconds(now: Date | number | undefined): number {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new KlerConfigurationError(`\`now\` must be a Date or epoch milliseconds (Date.now()), got ${String(now)}.`);
  }
  if (typeof now === 'number' && Math.abs(ms) < MS_THRESHOLD) {
    throw new KlerConfigurationError(
      `\`now\` is in milliseconds (like Date.now()), but ${now} looks like seconds: pass ${now} * 1000 or a Date.`,
    );
  }
  return Math.floor(ms / 1000);
}

/**
 * Checks the tolerance option: a number of seconds, 0 meaning exactly 0, `Infinity` turning the
 * timestamp check off explicitly (never implied by a falsy value).
 */
export function checkTolerance(toleranceSeconds: number | undefined): number {
  if (toleranceSeconds === undefined) return DEFAULT_TOLERANCE_SECONDS;
  if (typeof toleranceSeconds !== 'number' || Number.isNaN(toleranceSeconds) || toleranceSeconds < 0) {
    throw new KlerConfigurationError(
      `toleranceSeconds must be a number of seconds, 0 or more (default ${DEFAULT_TOLERANCE_SECONDS}), got ${String(toleranceSeconds)}.`,
    );
  }
  return toleranceSeconds;
}

/** `412` → `"412 s (6 min 52 s)"`: exact seconds, plus a reading for large gaps. */
export function describeSeconds(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${s} s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [size, name] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    } else if (parts.length > 0) {
      break;
    }
  }
  return `${s} s (${parts.join(' ')})`;
}

/** ISO form of unix seconds, for messages. */
export function isoOf(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds}` : date.toISOString();
}
