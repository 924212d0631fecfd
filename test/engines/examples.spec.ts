/**
 * The examples that need a real engine, run as a user runs them (test/examples/drive.ts):
 * examples/webhooks-nextjs.ts on a PostgreSQL started here on loopback, its store table created
 * by the migration `kler webhooks migration` prints.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookStoreMigration } from '../../src/webhooks/index.js';
import { BUILT, driveReceiver, expectVerifiedThenDedupedThenRejected } from '../examples/drive.js';
import { startPostgres, type PostgresEngine } from './postgres.js';

let engine: PostgresEngine;
let pool: pg.Pool;
let url: string;

beforeAll(async () => {
  if (!BUILT) throw new Error('The examples run on the built package: run `npm run build` first (npm test does).');
  engine = await startPostgres();
  pool = new pg.Pool({ connectionString: engine.url });
  pool.on('error', () => undefined); // the server stopping under an idle connection ends the test
  // A database of its own, as the user's app has.
  await pool.query('CREATE DATABASE tickets');
  url = engine.url.replace(/\/postgres$/, '/tickets');
  const db = new pg.Pool({ connectionString: url });
  try {
    await db.query(webhookStoreMigration());
    await db.query('CREATE TABLE ticket_jobs (key text PRIMARY KEY, transaction_id text NOT NULL, session_id text NOT NULL, amount numeric NOT NULL)');
  } finally {
    await db.end();
  }
});

afterAll(async () => {
  await pool?.end();
  await engine?.stop();
});

describe('examples/webhooks-nextjs.ts on PostgreSQL (DATABASE_URL)', () => {
  it('verifies, writes one ticket job, answers the redelivery duplicate, rejects a forgery', async () => {
    const { answers } = await driveReceiver(
      `
const { POST } = await import('./examples/webhooks-nextjs.ts');
const send = async (body, headers) => {
  const response = await POST(new Request('https://tickets.example.com/api/webhooks/kler', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }));
  return { status: response.status, body: await response.text() };
};
`,
      { DATABASE_URL: url },
    );
    expectVerifiedThenDedupedThenRejected(answers);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const jobs = await db.query('SELECT key, transaction_id, session_id, amount::text FROM ticket_jobs');
      expect(jobs.rows).toEqual([{ key: 'transaction:txn_01:successful', transaction_id: 'txn_01', session_id: 'sess_01HZX', amount: '5000.00' }]);
      const work = await db.query("SELECT key, state FROM kler_webhook_work");
      expect(work.rows).toEqual([{ key: 'transaction:txn_01:successful', state: 'done' }]);
    } finally {
      await db.end();
    }
  });
});
