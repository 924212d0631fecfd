/**
 * The leaves every Kler model is made of: ids, text, amounts, counts, timestamps, open enums,
 * and the `{ success, data }` envelope. Each is a plain zod/mini schema, so it composes with a
 * user's own zod and converts to JSON Schema; its `error` keeps the SDK's wording of what was
 * expected, since zod/mini without a locale would only say "Invalid input".
 */
import {
  int,
  literal,
  looseObject,
  minLength,
  nonnegative,
  regex,
  string,
  ZodMiniISODate,
  ZodMiniISODateTime,
  type ZodMiniType,
} from 'zod/mini';
import { _isoDate, _isoDateTime, type $ZodRawIssue } from 'zod/v4/core';
import { AMOUNT_PATTERN } from '../core/patterns.js';
import type { Infer } from './infer.js';

/**
 * A string enum that stays open: the known values autocomplete, and a value Kler adds later
 * still parses (as a plain string) instead of failing the whole response.
 */
export type OpenEnum<T extends string> = T | (string & {});

/**
 * An `error` option for zod: `expected` for a wrong value, `required (…)` for a missing one, so
 * a report tells a dropped field from a malformed one.
 */
/* @__NO_SIDE_EFFECTS__ */
export function expecting(expected: string): { error: (issue: $ZodRawIssue) => string } {
  return { error: (issue) => (issue.input === undefined ? `required (${expected})` : expected) };
}

/** A non-empty string: the runtime form of every id and open enum. */
/* @__NO_SIDE_EFFECTS__ */
export function nonEmpty(expected: string) {
  const error = expecting(expected);
  return string(error).check(minLength(1, error));
}

/**
 * Any non-empty string, typed as the open enum `T` (the known values, which the type lists; at
 * run time they would be dead weight in every bundle). Kept a string at run time on purpose: a
 * value Kler adds tomorrow must parse today.
 */
/* @__NO_SIDE_EFFECTS__ */
export function openEnum<T extends string>(what: string): ZodMiniType<T, T> {
  return nonEmpty(`expected ${what} as a non-empty string`) as ZodMiniType<string, string> as ZodMiniType<T, T>;
}

/** An opaque, non-empty id (`sess_…`, a hex string, `txn_…`, `pos_…`): never parsed further. */
export const IdSchema = /* @__PURE__ */ nonEmpty('expected a non-empty id');

/** Any string (names, labels, bank details). */
export const TextSchema = /* @__PURE__ */ string(expecting('expected a string'));

/** An amount as Kler sends it: a decimal string such as `"5000.00"`, never a number. */
export const AmountSchema = /* @__PURE__ */ (() => {
  const error = expecting('expected a decimal amount string such as "5000.00"');
  return string(error).check(regex(AMOUNT_PATTERN, error));
})();

/** A count: a non-negative (safe) integer. */
export const CountSchema = /* @__PURE__ */ (() => {
  const error = expecting('expected a whole number of 0 or more');
  return int(error).check(nonnegative(error));
})();

/** An ISO 8601 timestamp with seconds and a `Z` or `±hh:mm` offset, such as `"2025-08-01T18:32:00.000Z"`. */
// Built as `iso.datetime()` and `iso.date()` build them, but without the `iso` namespace: a
// bundler keeps every schema class of a namespace it cannot see through (time, duration too),
// ~0.25 kB gzipped of zod in each entry for formats no Kler model has.
export const TimestampSchema = /* @__PURE__ */ _isoDateTime(ZodMiniISODateTime, {
  offset: true,
  ...expecting('expected an ISO 8601 timestamp such as "2025-08-01T18:32:00.000Z"'),
});

/** A calendar date, `YYYY-MM-DD`. */
export const DateSchema = /* @__PURE__ */ _isoDate(ZodMiniISODate, expecting('expected a date such as "2025-08-01"'));

/** The currencies Kler knows: only `NGN` today. */
export type Currency = OpenEnum<'NGN'>;
/** A currency code (open: `NGN` today). */
export const CurrencySchema = /* @__PURE__ */ openEnum<Currency>('a currency code');

/** A payment channel: NIP bank transfer, POS terminal, USSD or card. Open: Kler may add more. */
export type Channel = OpenEnum<'bank_transfer' | 'pos' | 'ussd' | 'card'>;
/** A payment channel (open). */
export const ChannelSchema = /* @__PURE__ */ openEnum<Channel>('a channel');

/** `{ count, total }` as used in the reconciliation and settlement breakdowns. */
export const CountTotalSchema = /* @__PURE__ */ looseObject(
  {
    /** How many successful transactions. */
    count: CountSchema,
    /** Their sum, a decimal string in naira such as `"5000.00"`. */
    total: AmountSchema,
  },
  expecting('expected { count, total }'),
);
/**
 * A breakdown entry: how many successful transactions, and their total.
 * @interface
 */
export type CountTotal = Infer<typeof CountTotalSchema>;

/**
 * The `{ success: true, data }` envelope around every successful Kler response, with `data`
 * described by `data`. Resources wrap their model in it and hand the whole to the transport.
 */
/* @__NO_SIDE_EFFECTS__ */
export function envelope<T extends ZodMiniType>(data: T) {
  return looseObject(
    { success: literal(true, expecting('expected `success: true`')), data },
    expecting('expected the `{ "success": true, "data": … }` envelope'),
  );
}

export { AMOUNT_PATTERN };
