/**
 * `npm run bench:webhooks`: issue 13's scale scenario as a benchmark — 1,000 payments delivered
 * concurrently over loopback HTTP, a fifth twice, Kler's retries on every non-2xx answer, a
 * fifth of handler attempts failing — per store and mode, reporting deliveries acknowledged per
 * second and, as the one figure to compare, each store's ratio to the in-process memory store
 * measured in the same run. Every run also checks the outcome: exactly one ticket per payment.
 *
 * Stores: the memory store in this process, and the memory store shared by two receiver
 * processes over loopback (`webhook-scale/rpc-store.ts`, once with the first process SIGKILLed
 * midway), then Redis and PostgreSQL (`webhook-scale/redis-store.ts`, `postgres-store.ts`: the
 * engines started as the tests start them; `--no-engines` skips them). Another engine joins
 * with `--store <module>` (repeatable): a module exporting
 * `createStore()` (a WebhookInboxStore on the engine, called in each receiver process), and
 * optionally `name`, `start()` (starts the engine, resolves with environment for the receiver
 * processes) and `stop()`. Runs against the built package (`npm run bench:webhooks` builds).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as sdk from '@kler/sdk/webhooks';
import type { WebhookInboxStore } from '../src/webhooks/index.js';
import { serveStore } from './webhook-scale/rpc-store.ts';
import { runWebhookScale, type ScaleOptions, type ScaleReport } from './webhook-scale/scenario.ts';

interface StoreModule {
  name?: string;
  createStore(): WebhookInboxStore | Promise<WebhookInboxStore>;
  start?(): Promise<Record<string, string>>;
  stop?(): Promise<void>;
}

const QUICK = process.argv.includes('--quick');
const payments = QUICK ? 300 : 1000;
// Redis and PostgreSQL are always measured (`--no-engines` to skip them); `--store` adds more.
const ENGINES = process.argv.includes('--no-engines') ? [] : ['bench/webhook-scale/redis-store.ts', 'bench/webhook-scale/postgres-store.ts'];
const modules = [...ENGINES, ...process.argv.flatMap((arg, i, all) => (arg === '--store' && all[i + 1] ? [all[i + 1]!] : []))];
const reports: ScaleReport[] = [];

async function run(options: Omit<ScaleOptions, 'sdk' | 'payments'>): Promise<void> {
  const report = await runWebhookScale({ sdk, payments, ...options });
  reports.push(report);
  const verdict = report.lost === 0 && report.duplicates === 0 && report.ticketed === payments ? 'ok' : 'WRONG';
  console.log(
    `${report.name.padEnd(40)} ${report.mode.padEnd(6)} ${report.deliveriesPerSecond.toFixed(0).padStart(5)} deliveries/s  ` +
      `tickets ${report.ticketed}/${payments}, duplicates ${report.duplicates}, lost ${report.lost}, undelivered ${report.undelivered}, ` +
      (report.killed ? `rerun after the kill ${report.rerunsAfterKill}, ` : '') +
      `failed attempts ${report.failedAttempts}/${report.handlerAttempts}${report.killed ? ', one process SIGKILLed' : ''}  ${verdict}`,
  );
}

for (const mode of ['inline', 'inbox'] as const) {
  await run({ name: 'memory, 1 process', mode, receivers: { kind: 'in-process', store: sdk.createMemoryWebhookStore() } });
}
const shared = sdk.createMemoryWebhookStore();
const served = await serveStore(shared);
const rpc = { storeModule: 'bench/webhook-scale/rpc-store.ts', env: { KLER_SCALE_RPC_URL: served.url }, inspect: shared };
for (const mode of ['inline', 'inbox'] as const) {
  await run({ name: 'memory over loopback, 2 processes', mode, receivers: { kind: 'processes', ...rpc, killAt: null } });
  await run({ name: 'memory over loopback, 2 processes, SIGKILL', mode, receivers: { kind: 'processes', ...rpc } });
}
await served.close();

for (const path of modules) {
  const engine = (await import(pathToFileURL(resolve(path)).href)) as StoreModule;
  const env = (await engine.start?.()) ?? {};
  Object.assign(process.env, env); // so createStore() works here too, for the dead-letter count
  const inspect = await engine.createStore();
  const name = engine.name ?? path;
  for (const mode of ['inline', 'inbox'] as const) {
    await run({ name: `${name}, 2 processes`, mode, receivers: { kind: 'processes', storeModule: path, env, inspect, killAt: null } });
    await run({ name: `${name}, 2 processes, SIGKILL`, mode, receivers: { kind: 'processes', storeModule: path, env, inspect } });
  }
  await engine.stop?.();
}

console.log('\nDeliveries/s relative to the memory store in one process, same mode, same run:');
for (const report of reports) {
  const base = reports.find((r) => r.name === 'memory, 1 process' && r.mode === report.mode)!;
  console.log(`  ${`${report.name} (${report.mode})`.padEnd(52)} ${(report.deliveriesPerSecond / base.deliveriesPerSecond).toFixed(2)}x`);
}
const wrong = reports.filter((r) => r.lost !== 0 || r.duplicates !== 0 || r.ticketed !== payments);
if (wrong.length > 0) process.exitCode = 1;
const memory = reports.filter((r) => r.name === 'memory, 1 process');
console.log(`\nmemory store, 1 process: ${memory.map((r) => `${r.mode} ${r.deliveriesPerSecond.toFixed(0)} deliveries/s`).join(', ')}; ${wrong.length === 0 ? 'every run exactly one ticket per payment' : `${wrong.length} run(s) WRONG`}`);
