/**
 * `@kler/sdk/schemas`: the zod (mini) schemas behind every response type, for validating your
 * own stored copies. They are Standard Schema compatible.
 * @packageDocumentation
 */
export {
  IdSchema,
  AmountSchema,
  CountSchema,
  TimestampSchema,
  DateSchema,
  CurrencySchema,
  ChannelSchema,
  CountTotalSchema,
  AMOUNT_PATTERN,
} from './common.js';
export {
  SessionSchema,
  SessionStatusSchema,
  TerminalStatusSchema,
  CollectionAccountSchema,
  PosTerminalSchema,
} from './session.js';
export { SessionCreateParamsSchema, OperatorCreateParamsSchema } from './session-params.js';
export { TransactionListParamsSchema } from './transaction-params.js';
export { TransactionSchema, TransactionStatusSchema, WebhookTransactionSchema } from './transaction.js';
export { ReconciliationSchema } from './reconciliation.js';
export { SettlementSchema } from './settlement.js';
export { OperatorSchema } from './operator.js';
export {
  KlerWebhookPayloadSchema,
  KlerWebhookEventSchema,
  TransactionReceivedPayloadSchema,
  TransactionReceivedEventSchema,
  UnknownWebhookPayloadSchema,
  UnknownWebhookEventSchema,
} from './webhook-event.js';
