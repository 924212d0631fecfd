import { looseObject, optional, record, string } from 'zod/mini';
import { AmountSchema, CountSchema, CountTotalSchema, expecting, IdSchema, TimestampSchema } from './common.js';
import type { Infer } from './infer.js';

/** A breakdown keyed by a dynamic string (a channel, a terminal id): keys with no volume are absent. */
const breakdown = (what: string) => record(string(), CountTotalSchema, expecting(`expected ${what} as an object of { count, total }`));

/**
 * Live totals for a session. `total_inflow` sums successful transactions; `transaction_count`
 * counts every status. The breakdowns count successful volume only, keyed by channel or
 * terminal id; a key with no volume is absent.
 */
export const ReconciliationSchema = /* @__PURE__ */ looseObject(
  {
    /** The session summarised. */
    session_id: IdSchema,
    /** Sum of successful transactions, in naira. */
    total_inflow: AmountSchema,
    /** Transactions of every status. */
    transaction_count: CountSchema,
    /** Transactions with status `successful`. */
    successful_count: CountSchema,
    /** Transactions with status `pending`. */
    pending_count: CountSchema,
    /** Transactions with status `failed`. */
    failed_count: CountSchema,
    /** Successful volume by channel (`bank_transfer`, `pos`, …); channels with none are absent. */
    by_channel: breakdown('by_channel'),
    /** Successful POS volume by terminal id; terminals with none are absent. */
    by_terminal: optional(breakdown('by_terminal')),
    /** When Kler computed these totals. */
    reconciled_at: TimestampSchema,
  },
  expecting('expected a reconciliation object'),
);
/**
 * Live totals for a session by status, channel and terminal.
 * @interface
 */
export type Reconciliation = Infer<typeof ReconciliationSchema>;
