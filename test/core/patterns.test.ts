import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateSchema, TimestampSchema } from '../../src/schemas/index.js';

const isIsoTimestamp = (value: string) => TimestampSchema.safeParse(value).success;
const isIsoDate = (value: string) => DateSchema.safeParse(value).success;

/**
 * TimestampSchema and DateSchema (zod's ISO formats) against an oracle built from the parts: the calendar
 * from `Date` (setUTCFullYear, which unlike Date.UTC does not move years 0–99 to the 1900s),
 * the ranges from the ISO 8601 rules.
 */
function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0); // day 0 of the next month: the last day of `month`
  return date.getUTCDate();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const parts = fc.record({
  year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 4, 100, 1900, 2000, 2024, 2025, 2100, 2400)),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 24 }),
  minute: fc.integer({ min: 0, max: 60 }),
  second: fc.integer({ min: 0, max: 60 }),
  fraction: fc.constantFrom('', '.0', '.000', '.123456789', '.', ',5'),
  zone: fc.constantFrom('Z', 'z', '', '+01:00', '-23:59', '+24:00', '+01:60', '+0100', '+01'),
});

const validDay = (p: { year: number; month: number; day: number }) =>
  p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= daysInMonth(p.year, p.month);

describe('TimestampSchema', () => {
  it('accepts exactly the real calendar days and times, with seconds and an offset', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const value =
          `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}` +
          `${p.fraction}${p.zone}`;
        const expected =
          validDay(p) &&
          p.hour <= 23 &&
          p.minute <= 59 &&
          p.second <= 59 &&
          /^(|\.\d+)$/.test(p.fraction) &&
          ['Z', '+01:00', '-23:59'].includes(p.zone);
        expect(isIsoTimestamp(value), value).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('knows the leap-year rule, centuries included', () => {
    expect(isIsoTimestamp('2024-02-29T00:00:00Z')).toBe(true);
    expect(isIsoTimestamp('2000-02-29T00:00:00Z')).toBe(true);
    expect(isIsoTimestamp('2025-02-29T00:00:00Z')).toBe(false);
    expect(isIsoTimestamp('1900-02-29T00:00:00Z')).toBe(false);
    expect(isIsoTimestamp('2100-02-29T00:00:00Z')).toBe(false);
    expect(isIsoTimestamp('2025-04-31T00:00:00Z')).toBe(false);
    expect(isIsoTimestamp('2025-12-31T23:59:59.999+01:00')).toBe(true);
  });

  it('rejects look-alikes', () => {
    for (const value of ['2025-08-01', '2025-08-01T18:32Z', '2025-8-01T18:32:00Z', '２０２５-08-01T18:32:00Z', ' 2025-08-01T18:32:00Z', '']) {
      expect(isIsoTimestamp(value), value).toBe(false);
    }
  });
});

describe('DateSchema', () => {
  it('accepts exactly the real calendar days', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const value = `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
        expect(isIsoDate(value), value).toBe(validDay(p));
      }),
      { numRuns: 20_000 },
    );
  });

  it('rejects a timestamp and a short form', () => {
    expect(isIsoDate('2025-08-01T00:00:00Z')).toBe(false);
    expect(isIsoDate('2025-8-1')).toBe(false);
  });
});
