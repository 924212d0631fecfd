import * as z from 'zod/mini';
import {
  AmountSchema,
  ChannelSchema,
  CurrencySchema,
  IdSchema,
  openEnum,
  TimestampSchema,
  type OpenEnum,
} from './common.js';

/** A transaction's state. `successful` counts towards totals; `pending` and `failed` do not. */
export type TransactionStatus = OpenEnum<'successful' | 'pending' | 'failed'>;
export const TransactionStatusSchema = openEnum(['successful', 'pending', 'failed']);

const optionalText = z.optional(z.nullable(z.string()));

/**
 * The fields a transaction has wherever it appears. Sender fields and `providus_ref` belong to
 * bank transfers, so they may be missing or `null` for POS, USSD and card payments.
 */
const transactionShape = {
  id: IdSchema,
  amount: AmountSchema,
  currency: CurrencySchema,
  channel: ChannelSchema,
  status: TransactionStatusSchema,
  sender_name: optionalText,
  sender_account: optionalText,
  sender_bank: optionalText,
  narration: optionalText,
  providus_ref: optionalText,
  terminal_id: optionalText,
  operator_id: optionalText,
  paid_at: z.optional(z.nullable(TimestampSchema)),
};

/** A payment recorded on a session, as `GET /v1/transactions` returns it. */
export const TransactionSchema = z.looseObject({
  ...transactionShape,
  session_id: IdSchema,
  created_at: z.optional(TimestampSchema),
});
export type Transaction = z.infer<typeof TransactionSchema>;

/**
 * A transaction as carried in a webhook's `data`: Kler puts `session_id` at the top level of
 * the event instead, and sends no `created_at`.
 */
export const WebhookTransactionSchema = z.looseObject({
  ...transactionShape,
  session_id: z.optional(IdSchema),
  created_at: z.optional(TimestampSchema),
});
export type WebhookTransaction = z.infer<typeof WebhookTransactionSchema>;
