/**
 * `kler webhooks dead-letters|replay|migration`. Dead letters and replay read the inbox from a shell. The store is the
 * user's own (their Redis or PostgreSQL client, their key prefix), so it is named by a module
 * of theirs that builds it: `--store ./kler-store.mjs`, exporting `createStore()` (and
 * optionally `close()`, called afterwards so open connections do not keep the command running).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebhookInboxRecord, WebhookInboxStore } from '../../webhooks/store.js';
import { formatOption, type Command, type RunContext } from '../command.js';
import { CliUsageError } from '../errors.js';
import { formatOf, printRows } from '../output.js';
import type { Column } from '../table.js';
import { intOption, requiredArg, requiredOption, stringOption } from '../values.js';
import { webhookStoreMigration } from '../../webhooks/stores/sql-table.js';

const storeOption = {
  type: 'string',
  value: '<module>',
  description: 'a module exporting createStore(), which returns your WebhookInboxStore (and optionally close()) (required)',
} as const;

interface StoreModule {
  createStore?: () => WebhookInboxStore | Promise<WebhookInboxStore>;
  close?: () => unknown;
}

/** Loads the user's store module, runs `use` on its store, then closes it. */
async function withStore<T>(ctx: RunContext, use: (store: WebhookInboxStore) => Promise<T>): Promise<T> {
  const path = requiredOption(ctx, 'store');
  let module: StoreModule;
  try {
    module = (await import(pathToFileURL(resolve(path)).href)) as StoreModule;
  } catch (error) {
    throw new CliUsageError(`--store ${path} could not be loaded: ${(error as Error).message}`);
  }
  if (typeof module.createStore !== 'function') {
    throw new CliUsageError(`--store ${path} must export createStore(), returning the WebhookInboxStore your webhook handler uses.`);
  }
  const store = await module.createStore();
  if (typeof store?.deadLetters !== 'function' || typeof store.replay !== 'function') {
    throw new CliUsageError(`createStore() in ${path} did not return a WebhookInboxStore (one with deadLetters() and replay()).`);
  }
  try {
    return await use(store);
  } finally {
    await module.close?.();
  }
}

/** The transaction a work key names, when it names one. */
const transactionOf = (key: string) => /^transaction:(.+):[^:]+$/.exec(key)?.[1];
const eventTypeOf = (record: WebhookInboxRecord) => {
  try {
    return String((JSON.parse(record.event) as { event?: unknown }).event ?? '');
  } catch {
    return '(unreadable)';
  }
};

const DEAD_LETTER_COLUMNS: readonly Column<WebhookInboxRecord>[] = [
  { name: 'key', title: 'Key', get: (r) => r.key },
  { name: 'event', title: 'Event', get: eventTypeOf },
  { name: 'transaction_id', title: 'Transaction', get: (r) => transactionOf(r.key) },
  { name: 'attempts', title: 'Attempts', get: (r) => r.attempts, numeric: true },
  { name: 'last_error', title: 'Last error', get: (r) => r.lastError },
];

export const webhooksDeadLetters: Command = {
  words: ['webhooks', 'dead-letters'],
  summary: "list the webhook inbox's dead letters (work that failed maxAttempts times)",
  description: 'Reads the store a createWebhookHandler({ mode: "inbox" }) works. JSON rows carry the recorded event.',
  args: [],
  usesApi: false,
  options: {
    store: storeOption,
    limit: { type: 'string', value: '<n>', description: 'list at most n (default all)' },
    format: formatOption(['table', 'json']),
  },
  examples: ['kler webhooks dead-letters --store ./kler-store.mjs', 'kler webhooks dead-letters --store ./kler-store.mjs --format json'],
  async run(ctx) {
    const format = formatOf(ctx, ['table', 'json']);
    const limit = intOption(ctx, 'limit', 1);
    const dead = await withStore(ctx, (store) => store.deadLetters(limit === undefined ? {} : { limit }));
    printRows(ctx, format, DEAD_LETTER_COLUMNS, dead);
  },
};

export const webhooksReplay: Command = {
  words: ['webhooks', 'replay'],
  summary: 'put a dead letter back to work (its attempts counted afresh)',
  description: 'The next drain() or worker() on the store runs it. Exits 1 when the key is not a dead letter.',
  args: ['key'],
  usesApi: false,
  options: { store: storeOption },
  examples: ['kler webhooks replay transaction:txn_01:successful --store ./kler-store.mjs'],
  async run(ctx) {
    const key = requiredArg(ctx, 0, 'key');
    const replayed = await withStore(ctx, (store) => store.replay(key));
    if (!replayed) {
      ctx.io.err(`${key} is not a dead letter (it is pending, done, or unknown to this store): nothing replayed.\n`);
      return 1;
    }
    ctx.io.out(`Replayed ${key}: the next drain() or worker() runs it.\n`);
  },
};

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
