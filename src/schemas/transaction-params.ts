import { int, looseObject, maximum, minimum, nonnegative, optional } from 'zod/mini';
import type { InferInput } from './infer.js';
import { nonBlank } from './session-params.js';

/**
 * Largest page `transactions.list` asks Kler for. Kler documents a default of 50 but no maximum;
 * 100 is the common ceiling of payment APIs (Stripe, Paystack). If Kler serves fewer than asked,
 * iteration still reads every page (see `src/core/pagination.ts`).
 */
export const MAX_TRANSACTIONS_PAGE_SIZE = 100;
/** Kler's documented default page size, sent explicitly so page boundaries are known. */
export const DEFAULT_TRANSACTIONS_PAGE_SIZE = 50;

const LIMIT = `limit must be a whole number from 1 to ${MAX_TRANSACTIONS_PAGE_SIZE}`;

/** Validates `transactions.list` params before anything is sent. */
export const TransactionListParamsSchema = /* @__PURE__ */ looseObject(
  {
    /** The session whose transactions to list. */
    session_id: nonBlank('session_id'),
    /**
     * Transactions per request, 1 to 100. Kler documents no maximum; if it serves fewer,
     * `for await` still reads them all.
     * @default 50
     */
    limit: optional(
      int({ error: LIMIT }).check(
        minimum(1, { error: LIMIT }),
        maximum(MAX_TRANSACTIONS_PAGE_SIZE, { error: `${LIMIT} (for await reads every page anyway)` }),
      ),
    ),
    /** How many of the newest transactions to skip. @default 0 */
    offset: optional(int({ error: 'offset must be a whole number of 0 or more' }).check(nonnegative({ error: 'offset must be a whole number of 0 or more' }))),
  },
  { error: 'expected an object of params' },
);
/**
 * Query of `transactions.list`. Field names are Kler's.
 * @interface
 */
export type TransactionListParams = InferInput<typeof TransactionListParamsSchema>;
