/**
 * `@kler/sdk`: the typed client for the Kler event payments API.
 * @packageDocumentation
 */
export { KlerClient, type KlerClientOptions } from './client.js';
export { DEFAULT_BASE_URL } from './core/base-url.js';
export type { RequestOptions } from './core/http.js';
export { VERSION } from './core/version.js';
export {
  KlerHookError,
  type KlerHooks,
  type KlerHookContext,
  type KlerBeforeRequestContext,
  type KlerAfterResponseContext,
  type KlerBeforeRetryContext,
  type KlerErrorContext,
  type KlerRetryReason,
} from './core/hooks.js';
export type { KlerLogger, KlerLogLevel } from './core/logger.js';
export type {
  KlerTracer,
  KlerTracerProvider,
  KlerSpan,
  KlerSpanContext,
  KlerTraceContext,
  KlerTraceState,
  KlerPropagation,
  KlerHeaderSetter,
} from './core/telemetry.js';
export {
  KlerError,
  isKlerError,
  KlerConfigurationError,
  KlerInvalidParamsError,
  KlerAPIError,
  KlerBadRequestError,
  KlerAuthenticationError,
  KlerPermissionDeniedError,
  KlerNotFoundError,
  KlerConflictError,
  KlerUnprocessableEntityError,
  KlerRateLimitError,
  KlerInternalServerError,
  KlerConnectionError,
  KlerTimeoutError,
  KlerAbortError,
  KlerResponseValidationError,
  KlerWebhookVerificationError,
  KlerWebhookConfirmationError,
  type KlerAPIErrorInit,
  type KlerParamIssue,
  type KlerSchemaIssue,
  type KlerWebhookVerificationReason,
} from './core/errors.js';
// The resource classes are exported as values: they are real classes (the types of
// `kler.sessions` etc.), and a type-only export of a class is emitted as a value by the bundled
// declarations, which would promise an export the JavaScript does not have.
export { Sessions, type SessionCreateParams, type SessionCollectionParams } from './resources/sessions.js';
export { ReconciliationResource, type ReconciliationAuditParams } from './resources/reconciliation.js';
export {
  auditReconciliation,
  ReconciliationAuditor,
  type CreditedPayment,
  type ReconciliationAuditReport,
  type AuditDifference,
  type AuditComputedSummary,
  type AuditSkippedCheck,
  type CreditAudit,
} from './resources/reconciliation-audit.js';
export { Transactions, type TransactionListParams, type TransactionListOptions, type TransactionPage } from './resources/transactions.js';
export { Operators, type OperatorCreateParams } from './resources/operators.js';
export {
  KlerTooManyItemsError,
  Page,
  PagePromise,
  type FetchItems,
  type OffsetListSource,
  type ParallelReads,
} from './core/pagination.js';
export { KlerListChangedError, KlerPaginationError } from './core/offset-iterator.js';
export { KlerResponseTooLargeError } from './core/body.js';
export { toMinorUnits, fromMinorUnits, sumAmounts, KlerInvalidAmountError } from './core/money.js';
export { SettlementResource } from './resources/settlement.js';
export { Webhooks, type WebhooksVerifyParams, type ConfirmableWebhookEvent } from './resources/webhooks.js';
export type {
  KlerWebhookEvent,
  AnyKlerWebhookEvent,
  TransactionReceivedEvent,
  UnknownWebhookEvent,
  KnownWebhookEventType,
} from './schemas/webhook-event.js';
export type { Infer, InferInput } from './schemas/infer.js';
export type {
  OpenEnum,
  Currency,
  Channel,
  CountTotal,
} from './schemas/common.js';
export type {
  Session,
  SessionStatus,
  TerminalStatus,
  CollectionAccount,
  PosTerminal,
} from './schemas/session.js';
export type { Transaction, TransactionStatus, WebhookTransaction } from './schemas/transaction.js';
export type { Reconciliation } from './schemas/reconciliation.js';
export type { Settlement } from './schemas/settlement.js';
export type { Operator, OperatorRole } from './schemas/operator.js';
