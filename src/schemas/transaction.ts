import { array, extend, nullish, object, optional, type Infer } from '../core/model.js';
import { AmountModel, ChannelModel, CurrencyModel, IdModel, openEnum, TextModel, TimestampModel, type OpenEnum } from './common.js';

/** A transaction's state. `successful` counts towards totals; `pending` and `failed` do not. */
export type TransactionStatus = OpenEnum<'successful' | 'pending' | 'failed'>;
export const TransactionStatusModel = openEnum(['successful', 'pending', 'failed'], 'a transaction status');

/**
 * The fields a transaction has wherever it appears. Sender fields and `providus_ref` belong to
 * bank transfers, so they may be missing or `null` for POS, USSD and card payments.
 */
const transactionShape = {
  /** The transaction's id, `txn_…`: the key to dedupe deliveries on. */
  id: IdModel,
  /** The amount paid, a decimal string in naira such as `"5000.00"`. */
  amount: AmountModel,
  /** `NGN`. */
  currency: CurrencyModel,
  /** How it was paid: `bank_transfer`, `pos`, `ussd` or `card` (open). */
  channel: ChannelModel,
  /** `successful`, `pending` or `failed` (open). */
  status: TransactionStatusModel,
  /** The payer's account name (bank transfers). */
  sender_name: nullish(TextModel),
  /** The payer's account number (bank transfers). */
  sender_account: nullish(TextModel),
  /** The payer's bank code (bank transfers). */
  sender_bank: nullish(TextModel),
  /** The transfer narration the payer typed. */
  narration: nullish(TextModel),
  /** Providus Bank's reference (bank transfers). */
  providus_ref: nullish(TextModel),
  /** The POS terminal, when Kler sends it (not documented today). */
  terminal_id: nullish(TextModel),
  /** The operator, when Kler sends it (not documented today). */
  operator_id: nullish(TextModel),
  /** When the payer paid; may be absent or `null` while pending. */
  paid_at: nullish(TimestampModel),
  /** The session the payment belongs to; absent in webhook deliveries, whose top-level `session_id` names it. */
  session_id: optional(IdModel),
  /** When Kler recorded it; absent in webhook deliveries. */
  created_at: optional(TimestampModel),
};

/**
 * A transaction as carried in a webhook's `data`: Kler puts `session_id` at the top level of
 * the event instead, and sends no `created_at`.
 */
export const WebhookTransactionModel = object(transactionShape);
/**
 * A transaction as carried in a webhook's `data`.
 * @interface
 */
export type WebhookTransaction = Infer<typeof WebhookTransactionModel>;

/**
 * A payment recorded on a session, as `GET /v1/transactions` returns it: always with its session.
 * `@__PURE__` because the webhook entry does not use it: esbuild honours the builders'
 * `@__NO_SIDE_EFFECTS__` only within one file (evanw/esbuild#4369), so an unused model built in
 * another file would otherwise stay in users' bundles.
 */
export const TransactionModel = /* @__PURE__ */ extend(WebhookTransactionModel, {
  /** The session the payment belongs to. */
  session_id: IdModel,
});
/**
 * A payment recorded on a session.
 * @interface
 */
export type Transaction = Infer<typeof TransactionModel>;

/** A list of transactions, as the list endpoints return it. */
export const TransactionListModel = /* @__PURE__ */ array(TransactionModel);
