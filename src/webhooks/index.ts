/**
 * `@kler/sdk/webhooks`: verify and parse Kler webhook deliveries on any JavaScript runtime
 * (Node, Bun, Deno, Cloudflare Workers, Vercel Edge), and process them with
 * `createWebhookHandler`, which loses no event and does no work twice. Imports neither the HTTP
 * client nor any `node:` module, so it stays small in edge bundles.
 * @example
 * import { createWebhookHandler } from '@kler/sdk/webhooks';
 *
 * const kler = createWebhookHandler({
 *   secret: process.env.KLER_WEBHOOK_SECRET!,
 *   store, // shared by every instance
 *   on: { 'transaction.received': (event, { key }) => issueTickets(event.data, key) },
 * });
 * export const POST = (request: Request) => kler.fetch(request);
 * @packageDocumentation
 */
export {
  verifyWebhook,
  verifyWebhookRequest,
  type VerifyWebhookOptions,
  type VerifyWebhookRequestOptions,
  type WebhookScheme,
} from './verify.js';
export { signWebhook, type SignWebhookOptions, type StandardWebhookHeaders } from './sign.js';
export { isTransactionReceivedEvent, isUnknownWebhookEvent, type WebhookDelivery } from './events.js';
export { parseWebhookEventUnverified } from './unverified.js';
export { createWebhookHandler } from './handler.js';
export type {
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookEventHandlers,
  WebhookEventHandler,
  WebhookWorkContext,
  WebhookVerifierClient,
  WebhookErrorInfo,
  WebhookHandlerEvent,
  WebhookDrainOptions,
  WebhookDrainResult,
  WebhookWorkerOptions,
  WebhookWorker,
  WebhookAnswer,
  NodeWebhookRequest,
  NodeWebhookResponse,
} from './handler-types.js';
export { createMemoryWebhookStore, type MemoryWebhookStore, type MemoryWebhookStoreOptions } from './memory-store.js';
export type {
  WebhookStore,
  WebhookInboxStore,
  WebhookClaim,
  WebhookClaimOptions,
  WebhookCompleteOptions,
  WebhookInboxRecord,
  WebhookLeasedRecord,
  WebhookFailOptions,
} from './store.js';
export { webhookWorkKey } from './work-key.js';
export {
  createMemoryDedupeStore,
  webhookDedupeKey,
  type WebhookDedupeStore,
  type MemoryDedupeStore,
  type MemoryDedupeStoreOptions,
} from './dedupe.js';
export {
  createRedisWebhookStore,
  createPostgresWebhookStore,
  createDurableObjectWebhookStore,
  createD1WebhookStore,
  KlerWebhookStoreObject,
  webhookStoreMigration,
  type RedisWebhookStoreOptions,
  type NodeRedisLikeClient,
  type IoredisLikeClient,
  type PostgresWebhookStoreOptions,
  type PgLikeClient,
  type PostgresJsLikeClient,
  type WebhookStoreMigrationOptions,
  type DurableObjectWebhookStoreOptions,
  type DurableObjectStateLike,
  type DurableObjectStubLike,
  type DurableObjectNamespaceLike,
  type DurableObjectStorageOps,
  type D1WebhookStoreOptions,
  type D1DatabaseLike,
  type D1PreparedStatementLike,
  type D1ResultLike,
  type PgResultLike,
} from './stores/index.js';
export type { WebhookHeaders } from './headers.js';
export type { WebhookPayload } from './payload.js';
export type { WebhookSecret } from './secret.js';
export type { StandardWebhooksScheme } from './standard-webhooks.js';
export type { BodyHmacScheme } from './body-hmac.js';
export type { HmacAlgorithm } from './crypto.js';
export { DEFAULT_TOLERANCE_SECONDS } from './time.js';
export type {
  KlerWebhookEvent,
  AnyKlerWebhookEvent,
  TransactionReceivedEvent,
  UnknownWebhookEvent,
  KlerWebhookPayload,
  TransactionReceivedPayload,
  UnknownWebhookPayload,
  KnownWebhookEventType,
} from '../schemas/webhook-event.js';
export type { WebhookTransaction } from '../schemas/transaction.js';
export {
  KlerWebhookVerificationError,
  KlerConfigurationError,
  type KlerWebhookVerificationReason,
  type KlerSchemaIssue,
} from '../core/errors.js';
