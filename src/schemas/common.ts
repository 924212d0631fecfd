import { AMOUNT_PATTERN, isIsoDate, isIsoTimestamp } from '../core/patterns.js';
import { check, object, string, type Infer, type Model } from '../core/model.js';

/**
 * A string enum that stays open: the known values autocomplete, and a value Kler adds later
 * still parses (as a plain string) instead of failing the whole response.
 */
export type OpenEnum<T extends string> = T | (string & {});

/*
 * The models here are marked `@__PURE__`, so a bundle that uses only some of them (the webhook
 * entry) drops the rest. The builders' own `@__NO_SIDE_EFFECTS__` does not reach here: esbuild
 * applies it only to calls in the file that declares the builder (evanw/esbuild#4369), and tsup's
 * code splitting may put this file and `model.ts` in different chunks.
 */

const nonEmpty = (value: string) => value.length > 0;

/** Any non-empty string, typed as the open enum of `values` (which document the known ones). */
/* @__NO_SIDE_EFFECTS__ */
export function openEnum<const T extends string>(_values: readonly T[], what: string): Model<OpenEnum<T>> {
  return string<OpenEnum<T>>(nonEmpty, `expected ${what} as a non-empty string`);
}

/** A string param with something in it besides spaces; the messages name it `what`. */
/* @__NO_SIDE_EFFECTS__ */
export function nonBlank(what: string): Model<string> {
  return string(
    (value) => value.trim().length > 0,
    (value) => (typeof value === 'string' ? `${what} must not be empty` : `${what} must be a string`),
  );
}

/** An opaque, non-empty id (`sess_…`, a hex string, `txn_…`, `pos_…`): never parsed further. */
export const IdModel = /* @__PURE__ */ string(nonEmpty, 'expected a non-empty id');

/** Any string (names, labels, bank details). */
export const TextModel = /* @__PURE__ */ string(() => true, 'expected a string');

/** An amount as Kler sends it: a decimal string such as `"5000.00"`, never a number. */
export const AmountModel = /* @__PURE__ */ string(AMOUNT_PATTERN, 'expected a decimal amount string such as "5000.00"');

/** A count: a non-negative integer. */
export const CountModel = /* @__PURE__ */ check<number>(
  (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0,
  'expected a whole number of 0 or more',
);

/** An ISO 8601 timestamp with a UTC offset, such as `"2025-08-01T18:32:00.000Z"`. */
export const TimestampModel = /* @__PURE__ */ string(isIsoTimestamp, 'expected an ISO 8601 timestamp such as "2025-08-01T18:32:00.000Z"');

/** A calendar date, `YYYY-MM-DD`. */
export const DateModel = /* @__PURE__ */ string(isIsoDate, 'expected a date such as "2025-08-01"');

/** The currencies Kler knows: only `NGN` today. */
export type Currency = OpenEnum<'NGN'>;
export const CurrencyModel = openEnum(['NGN'], 'a currency code');

/** A payment channel: NIP bank transfer, POS terminal, USSD or card. Open: Kler may add more. */
export type Channel = OpenEnum<'bank_transfer' | 'pos' | 'ussd' | 'card'>;
export const ChannelModel = openEnum(['bank_transfer', 'pos', 'ussd', 'card'], 'a channel');

/** `{ count, total }` as used in the reconciliation and settlement breakdowns. */
export const CountTotalModel = /* @__PURE__ */ object({
  /** How many successful transactions. */
  count: CountModel,
  /** Their sum, a decimal string in naira such as `"5000.00"`. */
  total: AmountModel,
});
/**
 * A breakdown entry: how many successful transactions, and their total.
 * @interface
 */
export type CountTotal = Infer<typeof CountTotalModel>;

/** The `{ success: true, data }` envelope around every successful Kler response. */
export const EnvelopeModel = /* @__PURE__ */ object({
  success: /* @__PURE__ */ check<true>((value) => value === true, 'expected `success: true`'),
  data: /* @__PURE__ */ check<unknown>(() => true, 'expected data'),
});

export { AMOUNT_PATTERN };
