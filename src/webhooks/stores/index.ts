/** The shared webhook stores, each over the user's own client (re-exported by `./webhooks`). */
export {
  createRedisWebhookStore,
  type RedisWebhookStoreOptions,
  type NodeRedisLikeClient,
  type IoredisLikeClient,
} from './redis.js';
export {
  createPostgresWebhookStore,
  type PostgresWebhookStoreOptions,
  type PgLikeClient,
  type PgResultLike,
  type PostgresJsLikeClient,
} from './postgres.js';
export { webhookStoreMigration, type WebhookStoreMigrationOptions } from './sql-table.js';
export {
  KlerWebhookStoreObject,
  createDurableObjectWebhookStore,
  type DurableObjectWebhookStoreOptions,
  type DurableObjectStateLike,
  type DurableObjectStubLike,
  type DurableObjectNamespaceLike,
} from './durable-object.js';
export type { DurableObjectStorageOps } from './durable-object-logic.js';
export { createD1WebhookStore, type D1WebhookStoreOptions, type D1DatabaseLike, type D1PreparedStatementLike, type D1ResultLike } from './d1.js';
