/**
 * The scale scenario's PostgreSQL store module (`npm run bench:webhooks`, and the engine
 * suite's scale test): `createStore()` makes a PostgreSQL store through a `pg` Pool on
 * `KLER_SCALE_PG_URL`, table `KLER_SCALE_PG_TABLE`, in every receiver process; `start()`/`stop()`
 * run a PostgreSQL server for the bench, started the way the tests start it, with the table
 * created by the migration users run.
 */
import pg from 'pg';
import { createPostgresWebhookStore, webhookStoreMigration, type WebhookInboxStore } from '@kler/sdk/webhooks';
import { loadEngines } from '../_engines.ts';

/** How the bench names this store. */
export const name = 'postgres (pg)';

const pools: pg.Pool[] = [];
let engine: { stop(): Promise<void> } | undefined;
const table = () => process.env.KLER_SCALE_PG_TABLE ?? 'kler_scale_webhooks';

/** A PostgreSQL store on `KLER_SCALE_PG_URL`, in table `KLER_SCALE_PG_TABLE` (already migrated). */
export function createStore(): WebhookInboxStore {
  const url = process.env.KLER_SCALE_PG_URL;
  if (!url) throw new Error('KLER_SCALE_PG_URL is not set');
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  pool.on('error', () => undefined); // a receiver SIGKILLed mid-query is the scenario, not a failure
  pools.push(pool);
  return createPostgresWebhookStore({ client: pool, table: table() });
}

/** Starts PostgreSQL on loopback and creates the table: the environment the receivers need. */
export async function start(): Promise<Record<string, string>> {
  const started = await (await loadEngines()).startPostgres();
  engine = started;
  const pool = new pg.Pool({ connectionString: started.url });
  try {
    await pool.query(webhookStoreMigration({ table: table() }));
  } finally {
    await pool.end();
  }
  return { KLER_SCALE_PG_URL: started.url };
}

/** Closes this process's pools and stops the server. */
export async function stop(): Promise<void> {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  await engine?.stop();
}
