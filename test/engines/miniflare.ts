/**
 * workerd for tests, through miniflare (offline): the test Worker (`worker/store-worker.ts`,
 * bundled with esbuild) with a Durable Object namespace bound to KlerWebhookStoreObject, a D1
 * database and a KV namespace, all persisted to a temp directory so a restart keeps them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { webhookStoreMigration } from '../../src/webhooks/index.js';
import type { WebhookInboxStore } from '../../src/webhooks/store.js';
import { freePort } from './ensure.js';

/** A running workerd the test owns. */
export interface WorkersEngine {
  /** `http://127.0.0.1:<port>`, reachable from child processes too. */
  readonly url: string;
  /** A store whose code runs in the Worker: `do` (Durable Object named `namespace`) or `d1` (table `namespace`). */
  store(kind: 'do' | 'd1', namespace: string): WebhookInboxStore;
  /** Creates a D1 table with the migration users run. */
  migrateD1(table: string): Promise<void>;
  /** Runs one SQL statement on the D1 database. */
  d1(sql: string): Promise<void>;
  /** Disposes of workerd and starts a new one on the same persisted data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The signing secret the Worker's /webhook route verifies with. */
export const WORKER_WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'worker', 'store-worker.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { __KLER_SDK_VERSION__: '"test"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Starts workerd with the test Worker. */
export async function startWorkers(): Promise<WorkersEngine> {
  const script = await bundleWorker();
  const dir = mkdtempSync(join(tmpdir(), 'kler-workerd-'));
  const port = await freePort();
  const options = {
    modules: true,
    script,
    compatibilityDate: '2025-01-01',
    host: '127.0.0.1',
    port,
    durableObjects: { KLER_WEBHOOKS: 'KlerWebhookStoreObject', RAW: 'RawObject' },
    d1Databases: ['DB'],
    kvNamespaces: ['KV'],
    bindings: { WEBHOOK_SECRET: WORKER_WEBHOOK_SECRET },
    durableObjectsPersist: join(dir, 'do'),
    d1Persist: join(dir, 'd1'),
    kvPersist: join(dir, 'kv'),
  };
  let mf = new Miniflare(options);
  let base = (await mf.ready).origin;

  const call = async (kind: string, namespace: string, method: string, args: unknown[]) => {
    const response = await fetch(`${base}/store/${kind}/${namespace}`, { method: 'POST', body: JSON.stringify({ method, args }) });
    const body = (await response.json()) as { result?: unknown; error?: string };
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    return body.result;
  };
  return {
    get url() {
      return base;
    },
    store(kind, namespace) {
      const method = (name: string) => (...args: unknown[]) => call(kind, namespace, name, args);
      return Object.fromEntries(
        ['claim', 'complete', 'release', 'enqueue', 'lease', 'fail', 'deadLetters', 'replay'].map((name) => [name, method(name)]),
      ) as unknown as WebhookInboxStore;
    },
    async migrateD1(table) {
      const db = await mf.getD1Database('DB');
      const statements = webhookStoreMigration({ table, dialect: 'sqlite' })
        .split(';\n')
        .map((s) => s.replace(/^--.*\n/gm, '').trim())
        .filter(Boolean);
      await db.batch(statements.map((s) => db.prepare(s)));
    },
    async d1(sql) {
      const db = await mf.getD1Database('DB');
      await db.prepare(sql).run();
    },
    async restart() {
      await mf.dispose();
      mf = new Miniflare(options);
      base = (await mf.ready).origin;
    },
    async stop() {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
