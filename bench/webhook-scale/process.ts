/**
 * One receiver process of the multi-process scenario. The store comes from the module named by
 * `KLER_SCALE_STORE` (exporting `createStore()`, e.g. a Redis or PostgreSQL store on the
 * driver's engine); each ticket is appended to `KLER_SCALE_TICKETS` with a synchronous write,
 * so tickets issued before a SIGKILL are still counted. Prints `listening <url>` when ready.
 */
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as sdk from '@kler/sdk/webhooks';
import type { WebhookInboxStore } from '../../src/webhooks/index.js';
import { startReceiver } from './receiver.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const storeModule = (await import(pathToFileURL(resolve(env('KLER_SCALE_STORE'))).href)) as { createStore: () => WebhookInboxStore | Promise<WebhookInboxStore> };
const tickets = env('KLER_SCALE_TICKETS');
const receiver = await startReceiver({
  sdk,
  store: await storeModule.createStore(),
  mode: env('KLER_SCALE_MODE') as 'inline' | 'inbox',
  secret: env('KLER_SCALE_SECRET'),
  leaseMs: Number(env('KLER_SCALE_LEASE_MS')),
  failureRate: Number(env('KLER_SCALE_FAILURE_RATE')),
  maxFailuresPerKey: Number(env('KLER_SCALE_MAX_FAILURES')),
  onTicket: (id, key, attempt) => appendFileSync(tickets, `${id} ${key} ${attempt} ${process.pid}\n`),
  onAttempt: (failed) => appendFileSync(`${tickets}.attempts`, failed ? 'F' : 'S'),
});
console.log(`listening ${receiver.url}`);
process.on('SIGTERM', () => void receiver.close().then(() => process.exit(0)));
