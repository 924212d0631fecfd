/** `kler webhooks migration`: the SQL that creates the table of the SQL webhook stores. */
import { webhookStoreMigration } from '../../webhooks/stores/sql-table.js';
import type { Command } from '../command.js';
import { stringOption } from '../values.js';

export const webhooksMigration: Command = {
  words: ['webhooks', 'migration'],
  summary: 'print the SQL that creates the webhook store table (PostgreSQL or D1)',
  description: [
    'Prints CREATE TABLE/INDEX IF NOT EXISTS statements for createPostgresWebhookStore',
    '(or, with --dialect sqlite, createD1WebhookStore). Idempotent: safe to run again.',
  ].join('\n'),
  args: [],
  usesApi: false,
  options: {
    table: { type: 'string', value: '<name>', description: 'table name, letters/digits/_ (default kler_webhook_work)' },
    dialect: { type: 'string', value: '<dialect>', description: 'postgres or sqlite (default postgres)', choices: ['postgres', 'sqlite'] },
  },
  examples: [
    'kler webhooks migration > migrations/0007_kler_webhooks.sql',
    'kler webhooks migration | psql "$DATABASE_URL"',
    'kler webhooks migration --dialect sqlite > migrations/0001_kler_webhooks.sql  # wrangler d1 migrations',
  ],
  async run(ctx) {
    const table = stringOption(ctx, 'table');
    const dialect = stringOption(ctx, 'dialect') as 'postgres' | 'sqlite' | undefined;
    ctx.io.out(webhookStoreMigration({ ...(table !== undefined ? { table } : {}), ...(dialect ? { dialect } : {}) }));
  },
};
