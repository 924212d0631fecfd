import { looseObject, record } from 'zod/mini';
import { AmountSchema, CountSchema, CountTotalSchema, DateSchema, expecting, IdSchema, TimestampSchema } from './common.js';
import type { Infer } from './infer.js';

/**
 * What has been paid out to the organiser and what is still waiting. `pending_count` counts
 * successful transactions awaiting settlement (not `pending` transactions). `by_date` is keyed
 * by settlement date (`YYYY-MM-DD`).
 */
export const SettlementSchema = /* @__PURE__ */ looseObject(
  {
    /** The session summarised. */
    session_id: IdSchema,
    /** Paid out to the organiser, in naira. */
    total_settled: AmountSchema,
    /** Successful but not yet paid out, in naira. */
    total_pending_settlement: AmountSchema,
    /** Transactions paid out. */
    settled_count: CountSchema,
    /** Successful transactions awaiting settlement (not `pending`-status ones). */
    pending_count: CountSchema,
    /** Paid out per settlement date (`YYYY-MM-DD`). */
    by_date: record(DateSchema, CountTotalSchema, expecting('expected by_date as an object of { count, total } keyed by date')),
    /** When Kler computed this summary. */
    generated_at: TimestampSchema,
  },
  expecting('expected a settlement object'),
);
/**
 * What has been paid out to the organiser and what is still waiting.
 * @interface
 */
export type Settlement = Infer<typeof SettlementSchema>;
