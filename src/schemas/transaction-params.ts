import { check, object, optional } from '../core/model.js';
import { nonBlank } from './common.js';

/**
 * Largest page `transactions.list` asks Kler for. Kler documents a default of 50 but no maximum;
 * 100 is the common ceiling of payment APIs (Stripe, Paystack). If Kler serves fewer than asked,
 * iteration still reads every page (see `src/core/pagination.ts`).
 */
export const MAX_TRANSACTIONS_PAGE_SIZE = 100;
/** Kler's documented default page size, sent explicitly so page boundaries are known. */
export const DEFAULT_TRANSACTIONS_PAGE_SIZE = 50;

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Validates `transactions.list` params before anything is sent. */
export const TransactionListParamsModel = object({
  /** The session whose transactions to list; not empty. */
  session_id: nonBlank('session_id'),
  /** Transactions per request, a whole number from 1 to `MAX_TRANSACTIONS_PAGE_SIZE` (100). */
  limit: optional(
    check<number>(
      (value) => isWhole(value) && value >= 1 && value <= MAX_TRANSACTIONS_PAGE_SIZE,
      (value) =>
        `limit must be a whole number from 1 to ${MAX_TRANSACTIONS_PAGE_SIZE}` +
        (isWhole(value) && value > MAX_TRANSACTIONS_PAGE_SIZE
          ? ' (for await reads every page anyway)'
          : ''),
    ),
  ),
  /** How many of the newest transactions to skip, a whole number of 0 or more. */
  offset: optional(check<number>((value) => isWhole(value) && value >= 0, 'offset must be a whole number of 0 or more')),
});
