/**
 * Exact money helpers: amounts are decimal strings in naira, arithmetic is bigint kobo.
 * Expected values are written by hand (or built by the test's own formatter), never by the code
 * under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KlerError } from '../../src/core/errors.js';
import { fromMinorUnits, KlerInvalidAmountError, sumAmounts, toMinorUnits } from '../../src/core/money.js';
import { AmountSchema } from '../../src/schemas/index.js';

/** The test's own kobo → naira formatter, to build inputs for property tests. */
function naira(kobo: bigint): string {
  const sign = kobo < 0n ? '-' : '';
  const abs = kobo < 0n ? -kobo : kobo;
  const text = abs.toString().padStart(3, '0');
  return `${sign}${text.slice(0, -2)}.${text.slice(-2)}`;
}

describe('toMinorUnits', () => {
  it.each([
    ['5000.00', 500000n],
    ['5000', 500000n],
    ['5000.5', 500050n],
    ['5000.05', 500005n],
    ['0.10', 10n],
    ['0.01', 1n],
    ['0', 0n],
    ['-250.75', -25075n],
    ['-0.05', -5n],
    ['-0.00', 0n],
    ['007.50', 750n],
    ['92233720368547758.07', 9223372036854775807n],
    ['123456789012345678901234567890.99', 12345678901234567890123456789099n],
  ])('reads %s as %s kobo', (amount, kobo) => {
    expect(toMinorUnits(amount)).toBe(kobo);
  });

  it.each([
    ['5,000.00', 'thousands separators'],
    ['1e3', 'exponent'],
    ['1E3', 'exponent'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['NaN', 'is not an amount'],
    ['Infinity', 'is not an amount'],
    ['-Infinity', 'is not an amount'],
    [' 5000', 'spaces'],
    ['5000 ', 'spaces'],
    ['+5', 'decimal string'],
    ['.5', 'decimal string'],
    ['5.', 'decimal string'],
    ['5.123', 'fraction of a kobo'],
    ['0x10', 'decimal string'],
    ['₦5000', 'decimal string'],
    ['5000.00 NGN', 'decimal string'],
    ['--5', 'decimal string'],
    ['٥٠٠٠', 'decimal string'],
  ])('rejects %j with KlerInvalidAmountError mentioning %s', (amount, hint) => {
    const error = catchError(() => toMinorUnits(amount));
    expect(error).toBeInstanceOf(KlerInvalidAmountError);
    expect(KlerError.is(error)).toBe(true);
    expect(error.name).toBe('KlerInvalidAmountError');
    expect((error as KlerInvalidAmountError).amount).toBe(amount);
    expect(error.message).toContain(JSON.stringify(amount));
    expect(error.message).toContain(hint);
  });

  it.each([[5000], [0.1], [Number.NaN], [null], [undefined], [500000n], [{ amount: '1.00' }]])(
    'rejects the non-string %s instead of guessing',
    (amount) => {
      expect(() => toMinorUnits(amount as unknown as string)).toThrow(KlerInvalidAmountError);
    },
  );

  it('accepts exactly what the response schema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^-?\d{1,25}(\.\d{1,3})?$/)), (text) => {
        const schemaAccepts = AmountSchema.safeParse(text).success;
        let moneyAccepts = true;
        try {
          toMinorUnits(text);
        } catch {
          moneyAccepts = false;
        }
        expect(moneyAccepts).toBe(schemaAccepts);
      }),
    );
  });
});

describe('fromMinorUnits', () => {
  it.each([
    [500000n, '5000.00'],
    [500050n, '5000.50'],
    [5n, '0.05'],
    [10n, '0.10'],
    [0n, '0.00'],
    [-5n, '-0.05'],
    [-100n, '-1.00'],
    [-25075n, '-250.75'],
    [2n ** 80n, '12089258196146291747061.76'],
    [12345, '123.45'],
    [-7, '-0.07'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('writes %s kobo as %s', (kobo, amount) => {
    expect(fromMinorUnits(kobo)).toBe(amount);
  });

  it('asks for a bigint beyond the safe integer range', () => {
    const error = catchError(() => fromMinorUnits(2 ** 53));
    expect(error).toBeInstanceOf(KlerInvalidAmountError);
    expect(error.message).toContain('bigint');
  });

  it.each([[1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['500'], [null]])('rejects %s', (kobo) => {
    expect(() => fromMinorUnits(kobo as number)).toThrow(KlerInvalidAmountError);
  });

  it('round-trips any kobo value through a string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (kobo) => {
        expect(fromMinorUnits(kobo)).toBe(naira(kobo));
        expect(toMinorUnits(fromMinorUnits(kobo))).toBe(kobo);
      }),
    );
  });
});

describe('sumAmounts', () => {
  it("adds 0.10 and 0.20 to exactly '0.30'", () => {
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3); // what it protects against
  });

  it.each<[string[], string]>([
    [[], '0.00'],
    [['5000', '5000.5', '5000.00'], '15000.50'],
    [['100.00', '-30.25'], '69.75'],
    [['-0.10', '0.10'], '0.00'],
    [['-5', '-0.5'], '-5.50'],
    [['0.01', '0.01', '0.01'], '0.03'],
    // 3 × (2^53 + 1) naira: beyond what a double holds exactly, in naira and far more in kobo.
    [['9007199254740993.00', '9007199254740993.00', '9007199254740993.00'], '27021597764222979.00'],
  ])('sums %j to %s', (amounts, total) => {
    expect(sumAmounts(amounts)).toBe(total);
  });

  it('stays exact over 100,000 one-kobo amounts', () => {
    expect(sumAmounts(Array.from({ length: 100_000 }, () => '0.01'))).toBe('1000.00');
  });

  it('accepts any iterable, such as a generator', () => {
    function* amounts() {
      yield '1.10';
      yield '2.20';
    }
    expect(sumAmounts(amounts())).toBe('3.30');
  });

  it('names the position of a malformed amount', () => {
    const error = catchError(() => sumAmounts(['1.00', '2.00', '3,000.00']));
    expect(error).toBeInstanceOf(KlerInvalidAmountError);
    expect(error.message).toContain('amounts[2]');
    expect(error.message).toContain('"3,000.00"');
  });

  it('rejects a number in the list rather than adding a float', () => {
    expect(() => sumAmounts(['1.00', 0.2 as unknown as string])).toThrow(/amounts\[1\].*number 0\.2/);
  });

  it('rejects one amount string instead of adding up its digits', () => {
    // A string is iterable: without the check, '5000' summed to '5.00' and '1234' to '10.00'.
    for (const amount of ['5000', '1234', '5000.00']) {
      expect(() => sumAmounts(amount)).toThrow(`sumAmounts(amounts) expects an array (or other iterable) of amount strings, got "${amount}".`);
    }
  });

  it('rejects something that is not a list', () => {
    expect(() => sumAmounts('5000.00' as unknown as string[])).toThrow(KlerInvalidAmountError);
    expect(() => sumAmounts(null as unknown as string[])).toThrow(KlerInvalidAmountError);
  });

  it('agrees with plain bigint addition for any list', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), { maxLength: 50 }), (koboList) => {
        const expected = koboList.reduce((a, b) => a + b, 0n);
        expect(sumAmounts(koboList.map(naira))).toBe(naira(expected));
      }),
    );
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
