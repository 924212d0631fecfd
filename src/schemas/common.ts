import * as z from 'zod/mini';

/**
 * A string enum that stays open: the known values autocomplete, and a value Kler adds later
 * still parses (as a plain string) instead of failing the whole response.
 */
export type OpenEnum<T extends string> = T | (string & {});

/** Parses any non-empty string, typed as the open enum of `values`. */
export function openEnum<const T extends string>(
  _values: readonly T[],
): z.ZodMiniType<OpenEnum<T>, string> {
  // The known values exist for the type and for documentation; at runtime every non-empty
  // string must pass, which is the point of an open enum.
  return z.string().check(z.minLength(1)) as unknown as z.ZodMiniType<OpenEnum<T>, string>;
}

/** An opaque, non-empty id (`sess_…`, a hex string, `txn_…`, `pos_…`): never parsed further. */
export const IdSchema = z.string().check(z.minLength(1, { error: 'expected a non-empty id' }));

/**
 * The decimal-string form of an amount in naira: optional minus, digits, up to two decimals
 * (`"5000.00"`, `"5000.5"`, `"5000"`). No exponent, no thousands separator, no sign `+`.
 */
export const AMOUNT_PATTERN = /^-?\d+(?:\.\d{1,2})?$/;

/** An amount as Kler sends it: a decimal string such as `"5000.00"`, never a number. */
export const AmountSchema = z.string().check(
  z.regex(AMOUNT_PATTERN, { error: 'expected a decimal amount string such as "5000.00"' }),
);

/** A count: a non-negative integer. */
export const CountSchema = z.number().check(
  z.int({ error: 'expected a whole number' }),
  z.gte(0, { error: 'expected a count of 0 or more' }),
);

/** An ISO 8601 timestamp with a UTC offset, such as `"2025-08-01T18:32:00.000Z"`. */
export const TimestampSchema = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 timestamp' });

/** A plain calendar date, `YYYY-MM-DD`. */
export const DateSchema = z.iso.date({ error: 'expected a date such as "2025-08-01"' });

/** The currencies Kler knows: only `NGN` today. */
export type Currency = OpenEnum<'NGN'>;
export const CurrencySchema = openEnum(['NGN']);

/** A payment channel: NIP bank transfer, POS terminal, USSD or card. Open: Kler may add more. */
export type Channel = OpenEnum<'bank_transfer' | 'pos' | 'ussd' | 'card'>;
export const ChannelSchema = openEnum(['bank_transfer', 'pos', 'ussd', 'card']);

/** `{ count, total }` as used in the reconciliation and settlement breakdowns. */
export const CountTotalSchema = z.looseObject({ count: CountSchema, total: AmountSchema });
export type CountTotal = z.infer<typeof CountTotalSchema>;

/** The `{ success: true, data }` envelope around every successful Kler response. */
export const EnvelopeSchema = z.looseObject({ success: z.literal(true), data: z.unknown() });
