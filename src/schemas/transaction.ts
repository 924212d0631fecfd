import { array, looseObject, nullish, optional } from 'zod/mini';
import {
  AmountSchema,
  ChannelSchema,
  CurrencySchema,
  expecting,
  IdSchema,
  openEnum,
  TextSchema,
  TimestampSchema,
  type OpenEnum,
} from './common.js';
import type { Infer } from './infer.js';

/** A transaction's state. `successful` counts towards totals; `pending` and `failed` do not. */
export type TransactionStatus = OpenEnum<'successful' | 'pending' | 'failed'>;
/** A transaction status (open). */
export const TransactionStatusSchema = /* @__PURE__ */ openEnum<TransactionStatus>('a transaction status');

/**
 * A transaction as carried in a webhook's `data`: Kler puts `session_id` at the top level of
 * the event instead, and sends no `created_at`. Sender fields and `providus_ref` belong to bank
 * transfers, so they may be missing or `null` for POS, USSD and card payments.
 */
export const WebhookTransactionSchema = /* @__PURE__ */ looseObject(
  {
    /** The transaction's id, `txn_…`: the key to dedupe deliveries on. */
    id: IdSchema,
    /** The amount paid, a decimal string in naira such as `"5000.00"`. */
    amount: AmountSchema,
    /** `NGN`. */
    currency: CurrencySchema,
    /** How it was paid: `bank_transfer`, `pos`, `ussd` or `card` (open). */
    channel: ChannelSchema,
    /** `successful`, `pending` or `failed` (open). */
    status: TransactionStatusSchema,
    /** The payer's account name (bank transfers). */
    sender_name: nullish(TextSchema),
    /** The payer's account number (bank transfers). */
    sender_account: nullish(TextSchema),
    /** The payer's bank code (bank transfers). */
    sender_bank: nullish(TextSchema),
    /** The transfer narration the payer typed. */
    narration: nullish(TextSchema),
    /** Providus Bank's reference (bank transfers). */
    providus_ref: nullish(TextSchema),
    /** The POS terminal, when Kler sends it (not documented today). */
    terminal_id: nullish(TextSchema),
    /** The operator, when Kler sends it (not documented today). */
    operator_id: nullish(TextSchema),
    /** When the payer paid; may be absent or `null` while pending. */
    paid_at: nullish(TimestampSchema),
    /** The session the payment belongs to; absent in webhook deliveries, whose top-level `session_id` names it. */
    session_id: optional(IdSchema),
    /** When Kler recorded it; absent in webhook deliveries. */
    created_at: optional(TimestampSchema),
  },
  expecting('expected a transaction object'),
);
/**
 * A transaction as carried in a webhook's `data`.
 * @interface
 */
export type WebhookTransaction = Infer<typeof WebhookTransactionSchema>;

// Built in a pure call as a whole: bundlers cannot tell that reading `.shape` has no side
// effect, so a bare `looseObject({ ...WebhookTransactionSchema.shape })` stayed in bundles that
// never use it (`@kler/sdk/webhooks`).
/** A payment recorded on a session, as `GET /v1/transactions` returns it: always with its session. */
export const TransactionSchema = /* @__PURE__ */ (() =>
  looseObject(
    {
      ...WebhookTransactionSchema.shape,
      /** The session the payment belongs to. */
      session_id: IdSchema,
    },
    expecting('expected a transaction object'),
  ))();
/**
 * A payment recorded on a session.
 * @interface
 */
export type Transaction = Infer<typeof TransactionSchema>;

// `expecting(…)` is marked pure here too: esbuild does not apply its `@__NO_SIDE_EFFECTS__` across
// modules, and without it this list (and zod's array schema) stayed in `@kler/sdk/webhooks`.
/** A list of transactions, as the list endpoints return it. */
export const TransactionListSchema = /* @__PURE__ */ array(TransactionSchema, /* @__PURE__ */ expecting('expected an array of transactions'));
