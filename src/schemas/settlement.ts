import { object, record, type Infer } from '../core/model.js';
import { AmountModel, CountModel, CountTotalModel, DateModel, IdModel, TimestampModel } from './common.js';

/**
 * What has been paid out to the organiser and what is still waiting. `pending_count` counts
 * successful transactions awaiting settlement (not `pending` transactions). `by_date` is keyed
 * by settlement date (`YYYY-MM-DD`).
 */
export const SettlementModel = object({
  /** The session summarised. */
  session_id: IdModel,
  /** Paid out to the organiser, in naira. */
  total_settled: AmountModel,
  /** Successful but not yet paid out, in naira. */
  total_pending_settlement: AmountModel,
  /** Transactions paid out. */
  settled_count: CountModel,
  /** Successful transactions awaiting settlement (not `pending`-status ones). */
  pending_count: CountModel,
  /** Paid out per settlement date (`YYYY-MM-DD`). */
  by_date: record(DateModel, CountTotalModel),
  /** When Kler computed this summary. */
  generated_at: TimestampModel,
});
/**
 * What has been paid out to the organiser and what is still waiting.
 * @interface
 */
export type Settlement = Infer<typeof SettlementModel>;
