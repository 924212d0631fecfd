/**
 * `@kler/sdk/webhooks`: verify and parse Kler webhook deliveries on any JavaScript runtime
 * (Node, Bun, Deno, Cloudflare Workers, Vercel Edge). Imports neither the HTTP client nor any
 * `node:` module, so it stays small in edge bundles.
 * @example
 * import { verifyWebhookRequest, isTransactionReceivedEvent } from '@kler/sdk/webhooks';
 *
 * export async function POST(request: Request) {
 *   const event = await verifyWebhookRequest(request, { secret: process.env.KLER_WEBHOOK_SECRET! });
 *   if (isTransactionReceivedEvent(event)) console.log(event.data.amount);
 *   return new Response(null, { status: 204 });
 * }
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
export { parseWebhookEventUnverified, isTransactionReceivedEvent, type WebhookDelivery } from './events.js';
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
export type {
  WebhookStore,
  WebhookInboxStore,
  WebhookClaim,
  WebhookClaimOptions,
  WebhookCompleteOptions,
  WebhookFailOptions,
  WebhookInboxRecord,
  WebhookLeasedRecord,
} from './store.js';
export type { WebhookHeaders } from './headers.js';
export type { WebhookPayload } from './payload.js';
export type { WebhookSecret } from './secret.js';
export type { StandardWebhooksScheme } from './standard-webhooks.js';
export type { BodyHmacScheme } from './body-hmac.js';
export type { HmacAlgorithm } from './crypto.js';
export { DEFAULT_TOLERANCE_SECONDS } from './time.js';
export type {
  KlerWebhookEvent,
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
} from '../core/errors.js';
