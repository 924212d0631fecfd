/**
 * The amount pattern, shared by `AmountSchema` and the money helpers (which must accept exactly
 * the amounts the schemas do, and are used where no schema runs: `toMinorUnits` on a user's own
 * string).
 */

/**
 * The decimal-string form of an amount in naira: optional minus, digits, up to two decimals
 * (`"5000.00"`, `"5000.5"`, `"5000"`). No exponent, no thousands separator, no sign `+`.
 */
export const AMOUNT_PATTERN = /^-?\d+(?:\.\d{1,2})?$/;
