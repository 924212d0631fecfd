/**
 * One ticketing backend as the scale scenario runs it: `createWebhookHandler` behind node:http
 * on loopback, issuing a ticket per successful transaction, with a share of handler attempts
 * failing on purpose. In inbox mode it also runs a worker on the same store.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as Webhooks from '../../src/webhooks/index.js';

export type WebhooksModule = Pick<typeof Webhooks, 'createWebhookHandler' | 'signWebhook' | 'createMemoryWebhookStore'>;

export interface ReceiverSetup {
  readonly sdk: WebhooksModule;
  readonly store: Webhooks.WebhookInboxStore;
  readonly mode: 'inline' | 'inbox';
  readonly secret: string;
  readonly leaseMs: number;
  /** The share of handler attempts that throw (before issuing anything). */
  readonly failureRate: number;
  /** Attempts past this one never fail, so Kler's 6 attempts always suffice inline. */
  readonly maxFailuresPerKey: number;
  /** Called once per ticket issued. */
  readonly onTicket: (transactionId: string, key: string, attempt: number) => void;
  /** Called once per handler attempt, failed or not. */
  readonly onAttempt?: (failed: boolean) => void;
}

/** FNV-1a, mixed: whether attempt `attempt` at `key` fails, the same in every process and run. */
export function injectedFailure(key: string, attempt: number, rate: number): boolean {
  let hash = 0x811c9dc5;
  for (const char of `${key}#${attempt}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  // murmur3's finaliser: FNV alone leaves the high bits of near-identical keys correlated.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return hash / 0x1_0000_0000 < rate;
}

export async function startReceiver(setup: ReceiverSetup): Promise<{ url: string; close: () => Promise<void> }> {
  const handler = setup.sdk.createWebhookHandler({
    secret: setup.secret,
    store: setup.store,
    mode: setup.mode,
    leaseMs: setup.leaseMs,
    retryDelayMs: 20,
    maxRetryDelayMs: 200,
    onError: (_error, info) => {
      if (info.phase !== 'handler') console.error(`[receiver ${process.pid}] ${info.phase} on ${info.key ?? '-'}`);
    },
    on: {
      'transaction.received': async (event, { attempt, key, signal }) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3)); // overlap deliveries
        const failed = attempt <= setup.maxFailuresPerKey && injectedFailure(key, attempt, setup.failureRate);
        setup.onAttempt?.(failed);
        if (failed) throw new Error(`injected failure of attempt ${attempt}`);
        // As a real ticket write would (passing the signal to its database call): past the
        // lease, another attempt may own the work, so this one stops.
        signal.throwIfAborted();
        setup.onTicket(event.data.id, key, attempt);
      },
    },
  });
  const server = createServer((req, res) => void handler.node(req, res));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const worker = setup.mode === 'inbox' ? handler.worker({ concurrency: 16, pollMs: 20 }) : undefined;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/kler`,
    async close() {
      await worker?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
