import { AMOUNT_PATTERN } from './patterns.js';
import { KlerError } from './errors.js';
import { describe } from './params.js';

/**
 * Exact money arithmetic for Kler amounts (decision 5). Amounts travel as decimal strings in
 * naira (`"5000.00"`); arithmetic happens on kobo as `bigint`, so no total is ever rounded, at
 * any size. The accepted form is `AMOUNT_PATTERN`, the same one the response schemas enforce.
 */

/** Kobo per naira: amounts carry at most two decimal places. */
const KOBO_PER_NAIRA = 100n;

/**
 * A value given as an amount is not one: not a decimal string such as `"5000.00"`, or (for
 * `fromMinorUnits`) not a whole number of kobo. `amount` is the offending value as given.
 */
export class KlerInvalidAmountError extends KlerError {
  static override readonly kind: string = 'KlerInvalidAmountError';
  /** The value that was rejected, as it was passed. */
  declare readonly amount: unknown;

  constructor(message: string, amount: unknown) {
    super(message);
    this.amount = amount;
  }
}

/**
 * Converts a decimal amount string in naira to kobo, exactly.
 *
 * Accepts what Kler sends and what the schemas accept: an optional minus, digits, and up to two
 * decimals (`"5000"`, `"5000.5"`, `"5000.00"`, `"-250.75"`). Rejects everything else, including
 * numbers (a `number` may already have lost precision), thousands separators, exponents,
 * spaces, `+`, and a third decimal place (a fraction of a kobo).
 * @throws {KlerInvalidAmountError} when `amount` is not such a string.
 * @example
 * toMinorUnits('5000.00'); // 500000n
 * toMinorUnits('0.5');     // 50n
 */
export function toMinorUnits(amount: string): bigint {
  return parseAmount(amount, 'toMinorUnits(amount)');
}

/**
 * Formats kobo as a decimal amount string in naira with two places, as Kler writes amounts.
 *
 * Takes a `bigint`, or a `number` when it is a safe integer (beyond 2^53 a number cannot hold
 * kobo exactly: pass a bigint).
 * @throws {KlerInvalidAmountError} when `kobo` is not a whole number of kobo.
 * @example
 * fromMinorUnits(500000n); // '5000.00'
 * fromMinorUnits(-5);      // '-0.05'
 */
export function fromMinorUnits(kobo: bigint | number): string {
  let value: bigint;
  if (typeof kobo === 'bigint') {
    value = kobo;
  } else if (typeof kobo === 'number' && Number.isSafeInteger(kobo)) {
    value = BigInt(kobo);
  } else {
    const why =
      typeof kobo === 'number' && Number.isInteger(kobo)
        ? 'it is beyond Number.MAX_SAFE_INTEGER, where numbers are no longer exact: pass a bigint'
        : 'expected a whole number of kobo as a bigint (or a safe integer)';
    throw new KlerInvalidAmountError(`fromMinorUnits(kobo) got ${describe(kobo)}: ${why}.`, kobo);
  }
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const naira = abs / KOBO_PER_NAIRA;
  const rest = abs % KOBO_PER_NAIRA;
  return `${sign}${naira}.${rest.toString().padStart(2, '0')}`;
}

/**
 * Adds decimal amount strings exactly and returns the total in the same form (two places).
 * An empty list sums to `"0.00"`.
 * @throws {KlerInvalidAmountError} naming the position of the first malformed amount.
 * @example
 * sumAmounts(['0.10', '0.20']); // '0.30' (not 0.30000000000000004)
 * sumAmounts(transactions.map((t) => t.amount));
 */
export function sumAmounts(amounts: Iterable<string>): string {
  // A string is iterable too (its characters): sumAmounts('5000') must not answer '5.00'.
  if (typeof amounts === 'string' || typeof (amounts as Partial<Iterable<string>> | null)?.[Symbol.iterator] !== 'function') {
    throw new KlerInvalidAmountError(
      `sumAmounts(amounts) expects an array (or other iterable) of amount strings, got ${describe(amounts)}.`,
      amounts,
    );
  }
  let total = 0n;
  let index = 0;
  for (const amount of amounts) {
    total += parseAmount(amount, `sumAmounts(amounts): amounts[${index}]`);
    index++;
  }
  return fromMinorUnits(total);
}

/** Whether two amount strings are the same sum of money (`"5000"` equals `"5000.00"`). */
export function amountsEqual(a: string, b: string): boolean {
  return toMinorUnits(a) === toMinorUnits(b);
}

/** Whether `value` is an amount string that `toMinorUnits` accepts. */
export function isAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT_PATTERN.test(value);
}

function parseAmount(amount: unknown, where: string): bigint {
  if (!isAmount(amount)) {
    throw new KlerInvalidAmountError(`${where} got ${describe(amount)}: ${reason(amount)}.`, amount);
  }
  // Shift the decimal point two places right and read the digits once: "-0.5" -> "-050" -> -50n.
  const dot = amount.indexOf('.');
  if (dot === -1) return BigInt(amount) * KOBO_PER_NAIRA;
  return BigInt(amount.slice(0, dot) + amount.slice(dot + 1).padEnd(2, '0'));
}

const EXPECTED = 'expected a decimal string in naira such as "5000.00" (optional "-", digits, at most two decimals)';

/** Says what is wrong with a rejected amount, for the common mistakes. */
function reason(amount: unknown): string {
  if (typeof amount === 'number') {
    return `${EXPECTED}; numbers are refused because they may already have lost precision, so keep amounts as the strings Kler sends`;
  }
  if (typeof amount !== 'string') return EXPECTED;
  if (amount.trim() === '') return `${EXPECTED}; the string is empty`;
  if (amount !== amount.trim()) return `${EXPECTED}; remove the surrounding spaces`;
  if (amount.includes(',')) return `${EXPECTED}; remove the thousands separators`;
  if (/^-?\d+\.\d{3,}$/.test(amount)) return `${EXPECTED}; a third decimal place would be a fraction of a kobo`;
  if (/e/i.test(amount) && /\d/.test(amount)) return `${EXPECTED}; exponent notation is not accepted`;
  if (/^[+-]?(nan|infinity)$/i.test(amount)) return `${EXPECTED}; "${amount}" is not an amount (a failed calculation upstream?)`;
  return EXPECTED;
}

