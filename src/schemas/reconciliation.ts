import { object, optional, record, type Infer } from '../core/model.js';
import { AmountModel, CountModel, CountTotalModel, IdModel, TextModel, TimestampModel } from './common.js';

/**
 * Live totals for a session. `total_inflow` sums successful transactions; `transaction_count`
 * counts every status. The breakdowns count successful volume only, keyed by channel or
 * terminal id; a key with no volume is absent.
 */
export const ReconciliationModel = object({
  /** The session summarised. */
  session_id: IdModel,
  /** Sum of successful transactions, in naira. */
  total_inflow: AmountModel,
  /** Transactions of every status. */
  transaction_count: CountModel,
  /** Transactions with status `successful`. */
  successful_count: CountModel,
  /** Transactions with status `pending`. */
  pending_count: CountModel,
  /** Transactions with status `failed`. */
  failed_count: CountModel,
  /** Successful volume by channel (`bank_transfer`, `pos`, …); channels with none are absent. */
  by_channel: record(TextModel, CountTotalModel),
  /** Successful POS volume by terminal id; terminals with none are absent. */
  by_terminal: optional(record(TextModel, CountTotalModel)),
  /** When Kler computed these totals. */
  reconciled_at: TimestampModel,
});
/**
 * Live totals for a session by status, channel and terminal.
 * @interface
 */
export type Reconciliation = Infer<typeof ReconciliationModel>;
