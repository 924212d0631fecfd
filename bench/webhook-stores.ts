/**
 * `npm run bench:stores`: how fast each shared webhook store claims, and works an inbox
 * record (enqueue + lease + complete), against the floor of its own engine measured in the
 * same run on loopback: the cheapest atomic write the engine offers through the same client
 * (Redis `SET NX PX`, PostgreSQL `INSERT ... ON CONFLICT DO NOTHING`, a Durable Object request
 * writing one key, a D1 insert). Ratios, not absolute numbers: 1.00x would be "as fast as a
 * raw write". The engines are started here, as in the tests (test/engines/).
 * Uses `dist/webhooks.js` (`npm run build` first). `--quick` for shorter rounds.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadEngines } from './_engines.ts';

type WebhooksModule = typeof import('../src/webhooks/index.js');
type Store = import('../src/webhooks/store.js').WebhookInboxStore;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUND_MS = process.argv.includes('--quick') ? 250 : 700;
const CONCURRENCY = 16;

/** Operations per second of `op(i)`, `CONCURRENCY` in flight, for about `ROUND_MS`. */
async function rate(op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const deadline = performance.now() + ROUND_MS;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) await op(next++);
    }),
  );
  return next / ((performance.now() - start) / 1000);
}

/** Records per second through the inbox: enqueue, then lease in batches and complete each. */
async function inboxRate(store: Store, tag: string): Promise<number> {
  let enqueued = 0;
  const start = performance.now();
  const deadline = start + ROUND_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < deadline) {
        await store.enqueue(`${tag}:${w}:${enqueued++}`, '{"event":"transaction.received"}', { retainMs: null });
        for (const record of await store.lease({ limit: 1, leaseMs: 60_000 })) {
          await store.complete(record.key, record.token, { retainMs: null });
        }
      }
    }),
  );
  for (let batch = await store.lease({ limit: 100, leaseMs: 60_000 }); batch.length; batch = await store.lease({ limit: 100, leaseMs: 60_000 })) {
    await Promise.all(batch.map((r) => store.complete(r.key, r.token, { retainMs: null })));
  }
  return enqueued / ((performance.now() - start) / 1000);
}

const rows: [string, number, number, number][] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Floor, claim and inbox rounds, interleaved three times (the box is shared: load drifts), medians compared. */
async function measure(name: string, floor: (i: number) => Promise<unknown>, store: Store): Promise<void> {
  await rate(floor); // warm-up: connections, scripts, JIT
  const floors: number[] = [];
  const claims: number[] = [];
  const inboxes: number[] = [];
  for (let round = 0; round < 3; round++) {
    floors.push(await rate((i) => floor(round * 1e7 + i)));
    claims.push(await rate((i) => store.claim(`bench:${name}:${round}:${i}`, { leaseMs: 60_000 })));
    inboxes.push(await inboxRate(store, `inbox:${name}:${round}`));
  }
  const f = median(floors);
  rows.push([name, f, median(claims) / f, median(inboxes) / f]);
  console.log(`${name.padEnd(24)} claim ${(median(claims) / f).toFixed(2)}x of floor, inbox record ${(median(inboxes) / f).toFixed(2)}x of floor`);
}

const webhooks = (await import(pathToFileURL(join(ROOT, 'dist/webhooks.js')).href)) as WebhooksModule;
const engines = await loadEngines();
console.log(`concurrency ${CONCURRENCY}, ${ROUND_MS} ms rounds, loopback\n`);

const redisEngine = await engines.startRedis();
try {
  const client = new Redis(redisEngine.url);
  await measure('Redis (ioredis)', (i) => client.set(`floor:${i}`, '1', 'PX', 60_000, 'NX'), webhooks.createRedisWebhookStore({ client }));
  client.disconnect();
} finally {
  await redisEngine.stop();
}

const pgEngine = await engines.startPostgres();
try {
  const pool = new pg.Pool({ connectionString: pgEngine.url, max: CONCURRENCY });
  pool.on('error', () => undefined);
  await pool.query(webhooks.webhookStoreMigration());
  await pool.query('CREATE TABLE raw_floor (key text PRIMARY KEY)');
  await measure('PostgreSQL (pg)', (i) => pool.query('INSERT INTO raw_floor (key) VALUES ($1) ON CONFLICT DO NOTHING', [`k${i}`]), webhooks.createPostgresWebhookStore({ client: pool }));
  await pool.end();
} finally {
  await pgEngine.stop();
}

const workers = await engines.startWorkers();
try {
  await workers.migrateD1('kler_webhook_work');
  await workers.d1('CREATE TABLE raw_floor (key text PRIMARY KEY)');
  // Both sides go through the same Worker over HTTP; the store's code runs in the Worker.
  await measure('Durable Object (workerd)', (i) => fetch(`${workers.url}/raw-do?key=k${i}`).then((r) => r.text()), workers.store('do', 'bench'));
  await measure('D1 (workerd)', (i) => fetch(`${workers.url}/raw-d1?key=k${i}`).then((r) => r.text()), workers.store('d1', 'kler_webhook_work'));
} finally {
  await workers.stop();
}

console.log('\nstore                     floor ops/s   claim/floor   inbox record/floor');
for (const [name, floor, claim, inbox] of rows) {
  console.log(`${name.padEnd(24)} ${floor.toFixed(0).padStart(12)}   ${claim.toFixed(2).padStart(10)}x   ${inbox.toFixed(2).padStart(16)}x`);
}
