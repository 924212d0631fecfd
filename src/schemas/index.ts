/**
 * `@kler/sdk/schemas`: the zod (mini) schemas of every model the SDK reads or sends. They are
 * the very schemas the client, the webhook verifier and the testing kit validate with, so a
 * value they accept is a value the SDK accepts. They are plain zod 4 objects: use `.shape`,
 * `z.extend`/`z.pick`/`z.partial`, put them inside your own `z.object({...})`, convert them with
 * `z.toJSONSchema`, or pass them wherever a Standard Schema is accepted (tRPC, Hono, …).
 * Objects are loose (unknown keys are kept), enums open, and `Infer` gives the SDK's own types.
 * @example
 * import * as z from 'zod/mini';
 * import { TransactionSchema } from '@kler/sdk/schemas';
 *
 * const stored = TransactionSchema.parse(JSON.parse(row.payload));
 * const TicketSchema = z.object({ ticket_id: z.string(), payment: TransactionSchema });
 * @packageDocumentation
 */
export {
  IdSchema,
  TextSchema,
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
export {
  TransactionSchema,
  TransactionListSchema,
  TransactionStatusSchema,
  WebhookTransactionSchema,
} from './transaction.js';
export { ReconciliationSchema } from './reconciliation.js';
export { SettlementSchema } from './settlement.js';
export { OperatorSchema } from './operator.js';
export { SessionCreateParamsSchema, SessionCollectionParamsSchema, OperatorCreateParamsSchema } from './session-params.js';
export { TransactionListParamsSchema } from './transaction-params.js';
export {
  KlerWebhookPayloadSchema,
  KlerWebhookEventSchema,
  TransactionReceivedPayloadSchema,
  TransactionReceivedEventSchema,
  UnknownWebhookPayloadSchema,
  UnknownWebhookEventSchema,
  AnyKlerWebhookEventSchema,
} from './webhook-event.js';
export type { Infer, InferInput } from './infer.js';
