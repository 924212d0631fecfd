/**
 * The PostgreSQL store against a real server (initdb in a temp directory, started here on a
 * free loopback port), through both clients users have: pg and postgres.js.
 */
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresWebhookStore, KlerConfigurationError, webhookStoreMigration } from '../../src/webhooks/index.js';
import type { WebhookClaim } from '../../src/webhooks/store.js';
import { startChild } from './child.js';
import { startPostgres, type PostgresEngine } from './postgres.js';
import { describeStoreContract } from './store-contract.js';
import { describeWebhookStore } from '../webhooks/store-conformance.js';

let engine: PostgresEngine;
let pool: pg.Pool;
let sql: postgres.Sql;
let tables = 0;

/** A fresh table, created with the migration users run. */
async function freshTable(): Promise<string> {
  const table = `w${process.pid}_${++tables}`;
  await pool.query(webhookStoreMigration({ table }));
  return table;
}

beforeAll(async () => {
  engine = await startPostgres();
  pool = new pg.Pool({ connectionString: engine.url, max: 20 });
  pool.on('error', () => undefined); // a restart drops idle connections; the pool replaces them
  sql = postgres(engine.url, { max: 20, onnotice: () => undefined });
});

afterAll(async () => {
  await pool?.end();
  await sql?.end();
  await engine?.stop();
});

describeStoreContract('PostgreSQL store (pg)', async () => createPostgresWebhookStore({ client: pool, table: await freshTable() }));
describeStoreContract('PostgreSQL store (postgres.js)', async () => createPostgresWebhookStore({ client: sql, table: await freshTable() }));
// The handler's own conformance suite (what createWebhookHandler relies on), on the real server.
describeWebhookStore('PostgreSQL store (pg)', async () => createPostgresWebhookStore({ client: pool, table: await freshTable() }), { timeScale: 4, concurrent: true });
describeWebhookStore('PostgreSQL store (postgres.js)', async () => createPostgresWebhookStore({ client: sql, table: await freshTable() }), { timeScale: 4, concurrent: true });

describe('PostgreSQL store', () => {
  it('agrees across clients: 50 claims split between pg and postgres.js, one winner', async () => {
    const table = await freshTable();
    const a = createPostgresWebhookStore({ client: pool, table });
    const b = createPostgresWebhookStore({ client: sql, table });
    const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).claim('k', { leaseMs: 60_000 })));
    expect(claims.filter((c) => c.status === 'acquired')).toHaveLength(1);
  });

  it('takes over the lease of a process that was SIGKILLed mid-work, once the lease expires', async () => {
    const table = await freshTable();
    const child = await startChild<WebhookClaim>('children/claim-and-hang.ts', ['pg', engine.url, 'k', '2500', table]);
    expect(child.firstLine).toMatchObject({ status: 'acquired', attempt: 1 });
    await child.kill();
    const store = createPostgresWebhookStore({ client: sql, table });
    const during = await store.claim('k', { leaseMs: 60_000 });
    expect(during.status).toBe('in_progress');
    const waitMs = (during as { leaseExpiresAt: number }).leaseExpiresAt - Date.now() + 100;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
    expect(await store.claim('k', { leaseMs: 60_000 })).toMatchObject({ status: 'acquired', attempt: 2 });
  });

  it('keeps done keys, pending and dead records across a restart of PostgreSQL', async () => {
    const table = await freshTable();
    const store = createPostgresWebhookStore({ client: pool, table });
    const claim = await store.claim('done', { leaseMs: 60_000 });
    if (claim.status !== 'acquired') throw new Error('expected acquired');
    await store.complete('done', claim.token, { retainMs: null });
    await store.enqueue('pending', '{"p":1}', { retainMs: null });
    await store.enqueue('dead', '{"d":1}', { retainMs: null });
    const leased = await store.lease({ limit: 2, leaseMs: 60_000 });
    await store.fail('dead', leased.find((r) => r.key === 'dead')!.token, { error: 'x', retryInMs: 0, dead: true });
    await store.release('pending', leased.find((r) => r.key === 'pending')!.token);

    await pool.end();
    await engine.restart();
    pool = new pg.Pool({ connectionString: engine.url, max: 20 });
    pool.on('error', () => undefined);
    const after = createPostgresWebhookStore({ client: pool, table });
    expect(await after.claim('done', { leaseMs: 60_000 })).toEqual({ status: 'done' });
    expect((await after.deadLetters()).map((r) => r.key)).toEqual(['dead']);
    expect((await after.lease({ limit: 5, leaseMs: 60_000 })).map((r) => [r.key, r.event])).toEqual([['pending', '{"p":1}']]);
  }, 60_000);

  it('says to run the migration when the table does not exist', async () => {
    const store = createPostgresWebhookStore({ client: pool, table: 'no_such_table' });
    const error = await store.claim('k', { leaseMs: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerConfigurationError);
    expect((error as Error).message).toMatch(/kler webhooks migration --table no_such_table/);
  });

  it('rejects a table name that is not a plain identifier, before any SQL is sent', () => {
    for (const table of ['x; DROP TABLE users', 'a"b', 'a.b.c', '', '1abc', 'x'.repeat(49)]) {
      expect(() => createPostgresWebhookStore({ client: pool, table })).toThrow(KlerConfigurationError);
      expect(() => webhookStoreMigration({ table })).toThrow(/Invalid webhook store table name/);
    }
    expect(webhookStoreMigration({ table: 'billing.kler_work' })).toContain('CREATE TABLE IF NOT EXISTS "billing"."kler_work"');
  });

  it('runs the printed migration twice without error (it is idempotent)', async () => {
    await pool.query(webhookStoreMigration({ table: 'twice' }));
    await pool.query(webhookStoreMigration({ table: 'twice' }));
  });
});
