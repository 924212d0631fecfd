/**
 * `@kler/sdk/schemas`: zod (mini) schemas for every model the SDK reads, for validating your own
 * stored copies. They are built from the same declarations the client validates with, so a
 * value these accept is a value the SDK accepts. Standard Schema compatible.
 * @example
 * import { TransactionSchema } from '@kler/sdk/schemas';
 * const stored = TransactionSchema.parse(JSON.parse(row.payload));
 * @packageDocumentation
 */
import * as common from './common.js';
import { OperatorModel } from './operator.js';
import { ReconciliationModel } from './reconciliation.js';
import { CollectionAccountModel, PosTerminalModel, SessionModel, SessionStatusModel, TerminalStatusModel } from './session.js';
import { OperatorCreateParamsModel, SessionCreateParamsModel } from './session-params.js';
import { SettlementModel } from './settlement.js';
import { TransactionListParamsModel } from './transaction-params.js';
import { TransactionModel, TransactionStatusModel, WebhookTransactionModel } from './transaction.js';
import { toZod } from './to-zod.js';
import * as events from './webhook-event.js';


/** A non-empty, opaque id. */
export const IdSchema = toZod(common.IdModel);
/** A decimal amount string such as `"5000.00"`. */
export const AmountSchema = toZod(common.AmountModel);
/** A non-negative integer. */
export const CountSchema = toZod(common.CountModel);
/** An ISO 8601 timestamp with an offset. */
export const TimestampSchema = toZod(common.TimestampModel);
/** A `YYYY-MM-DD` date. */
export const DateSchema = toZod(common.DateModel);
/** A currency code (open: `NGN` today). */
export const CurrencySchema = toZod(common.CurrencyModel);
/** A payment channel (open). */
export const ChannelSchema = toZod(common.ChannelModel);
/** `{ count, total }`. */
export const CountTotalSchema = toZod(common.CountTotalModel);
/** The decimal-amount pattern the SDK accepts. */
export const AMOUNT_PATTERN = common.AMOUNT_PATTERN;

/** A session (both documented shapes, and the `close` answer). */
export const SessionSchema = toZod(SessionModel);
/** A session status (open). */
export const SessionStatusSchema = toZod(SessionStatusModel);
/** A terminal status (open). */
export const TerminalStatusSchema = toZod(TerminalStatusModel);
/** A session's collection account. */
export const CollectionAccountSchema = toZod(CollectionAccountModel);
/** A POS terminal. */
export const PosTerminalSchema = toZod(PosTerminalModel);
/** A transaction as listed. */
export const TransactionSchema = toZod(TransactionModel);
/** A transaction status (open). */
export const TransactionStatusSchema = toZod(TransactionStatusModel);
/** A transaction as carried in a webhook's `data`. */
export const WebhookTransactionSchema = toZod(WebhookTransactionModel);
/** A reconciliation summary. */
export const ReconciliationSchema = toZod(ReconciliationModel);
/** A settlement summary. */
export const SettlementSchema = toZod(SettlementModel);
/** An operator. */
export const OperatorSchema = toZod(OperatorModel);

/** The params `sessions.create` accepts. */
export const SessionCreateParamsSchema = toZod(SessionCreateParamsModel);
/** The params `operators.create` accepts. */
export const OperatorCreateParamsSchema = toZod(OperatorCreateParamsModel);
/** The params `transactions.list` accepts. */
export const TransactionListParamsSchema = toZod(TransactionListParamsModel);

/** A webhook body as sent (any event type). */
export const KlerWebhookPayloadSchema = toZod(events.KlerWebhookPayloadModel);
/** A verified webhook event (body plus `webhook_id` and `timestamp`). */
export const KlerWebhookEventSchema = toZod(events.KlerWebhookEventModel);
/** A `transaction.received` body as sent. */
export const TransactionReceivedPayloadSchema = toZod(events.TransactionReceivedPayloadModel);
/** A verified `transaction.received` event. */
export const TransactionReceivedEventSchema = toZod(events.TransactionReceivedEventModel);
/** A body of an event type this SDK does not know. */
export const UnknownWebhookPayloadSchema = toZod(events.UnknownWebhookPayloadModel);
/** A verified event of an unknown type. */
export const UnknownWebhookEventSchema = toZod(events.UnknownWebhookEventModel);
