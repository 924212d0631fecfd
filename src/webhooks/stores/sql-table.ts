/**
 * The one table of the SQL stores (PostgreSQL and D1/SQLite): its name, checked strictly
 * because it is spliced into SQL text (values never are: they are bound parameters), and the
 * migration that creates it.
 */
import { KlerConfigurationError } from '../../core/errors.js';

/** The default table of the SQL webhook stores. */
export const DEFAULT_WEBHOOK_TABLE = 'kler_webhook_work';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,47}$/;

/** A checked table name: `quoted` for SQL text, `bare` (its last part) to name its indexes. */
export interface TableName {
  readonly quoted: string;
  readonly bare: string;
}

/** Checks `table` (`name` or `schema.name`, letters, digits and `_`) and quotes it. */
export function tableName(table: unknown, dialect: 'postgres' | 'sqlite' = 'postgres'): TableName {
  const name = table ?? DEFAULT_WEBHOOK_TABLE;
  const parts = typeof name === 'string' ? name.split('.') : [];
  const valid = parts.length >= 1 && parts.length <= (dialect === 'postgres' ? 2 : 1) && parts.every((p) => IDENTIFIER.test(p));
  if (!valid) {
    throw new KlerConfigurationError(
      `Invalid webhook store table name ${JSON.stringify(name)}: use 1 to 48 letters, digits or underscores, ` +
        `starting with a letter or underscore${dialect === 'postgres' ? ', optionally after a schema name and a dot (public.kler_webhook_work)' : ''}.`,
    );
  }
  return { quoted: parts.map((p) => `"${p}"`).join('.'), bare: parts[parts.length - 1]! };
}

/** Options of `webhookStoreMigration`. */
export interface WebhookStoreMigrationOptions {
  /**
   * The table to create: letters, digits and `_` (PostgreSQL also takes `schema.table`).
   * @default 'kler_webhook_work'
   */
  readonly table?: string;
  /**
   * `postgres` for `createPostgresWebhookStore`, `sqlite` for `createD1WebhookStore`.
   * @default 'postgres'
   */
  readonly dialect?: 'postgres' | 'sqlite';
}

/**
 * The SQL that creates the webhook store's table and indexes (idempotent: `IF NOT EXISTS`).
 * Run it once, with your migrations, before `createPostgresWebhookStore` or
 * `createD1WebhookStore`; `kler webhooks migration` prints the same text.
 * @throws {KlerConfigurationError} when the table name is not a plain identifier.
 * @example
 * import { webhookStoreMigration } from '@kler/sdk/webhooks';
 * await pool.query(webhookStoreMigration()); // or write it to a migration file
 */
export function webhookStoreMigration(options: WebhookStoreMigrationOptions = {}): string {
  const dialect = options.dialect ?? 'postgres';
  if (dialect !== 'postgres' && dialect !== 'sqlite') {
    throw new KlerConfigurationError(`webhookStoreMigration: dialect must be 'postgres' or 'sqlite', got ${JSON.stringify(dialect)}.`);
  }
  const { quoted: t, bare } = tableName(options.table, dialect);
  const pg = dialect === 'postgres';
  const time = pg ? 'timestamptz' : 'integer'; // SQLite: epoch milliseconds
  return `-- @kler/sdk webhook store: one row per unit of work (claims and the inbox).
CREATE TABLE IF NOT EXISTS ${t} (
  key text PRIMARY KEY,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
  event text,
  token text,
  lease_until ${time},
  attempts integer NOT NULL DEFAULT 0,
  available_at ${time} NOT NULL,
  last_error text,
  dead_at ${time},
  expires_at ${time}
);
CREATE INDEX IF NOT EXISTS "${bare}_inbox_idx" ON ${t} (available_at) WHERE state = 'pending' AND event IS NOT NULL;
CREATE INDEX IF NOT EXISTS "${bare}_dead_idx" ON ${t} (dead_at, key) WHERE state = 'dead';
CREATE INDEX IF NOT EXISTS "${bare}_expiry_idx" ON ${t} (expires_at) WHERE expires_at IS NOT NULL;
`;
}
