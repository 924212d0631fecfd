/**
 * `@kler/sdk`: the typed client for the Kler event payments API.
 * @packageDocumentation
 */
export { KlerClient, DEFAULT_BASE_URL, type KlerClientOptions } from './client.js';
export type { RequestOptions } from './core/http.js';
export type { Model, ModelIssue } from './core/model.js';
export { VERSION } from './core/version.js';
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
  type KlerParamIssue,
  type KlerSchemaIssue,
  type KlerWebhookVerificationReason,
} from './core/errors.js';
export type { SessionCreateParams, SessionCollectionParams, Sessions } from './resources/sessions.js';
export type { ReconciliationResource, ReconciliationAuditParams } from './resources/reconciliation.js';
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
export type { Transactions, TransactionListParams, TransactionPage } from './resources/transactions.js';
export type { Operators, OperatorCreateParams } from './resources/operators.js';
export { KlerTooManyItemsError, type Page, type PagePromise } from './core/pagination.js';
export { KlerListChangedError } from './core/offset-iterator.js';
export { toMinorUnits, fromMinorUnits, sumAmounts, KlerInvalidAmountError } from './core/money.js';
export type { SettlementResource } from './resources/settlement.js';
export type { Webhooks, WebhooksVerifyParams, ConfirmableWebhookEvent } from './resources/webhooks.js';
export type {
  KlerWebhookEvent,
  TransactionReceivedEvent,
  UnknownWebhookEvent,
  KnownWebhookEventType,
} from './schemas/webhook-event.js';
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
