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
  type PostgresJsLikeClient,
} from './postgres.js';
export { webhookStoreMigration, type WebhookStoreMigrationOptions } from './sql-table.js';
