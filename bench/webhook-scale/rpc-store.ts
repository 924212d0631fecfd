/**
 * A memory store shared by several processes over loopback HTTP: the driver holds the one
 * `createMemoryWebhookStore()` (atomic, since one process runs it) and each receiver process
 * calls it through this client. It exercises the multi-process scenario — separate processes,
 * SIGKILL — before an engine store is plugged in; it is a test fixture, not a store to deploy.
 *
 * As a store module (`KLER_SCALE_STORE=bench/webhook-scale/rpc-store.ts`), `createStore()`
 * connects to `KLER_SCALE_RPC_URL`.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookInboxStore } from '../../src/webhooks/index.js';

const METHODS = ['claim', 'complete', 'release', 'enqueue', 'lease', 'fail', 'deadLetters', 'replay'] as const;

/** Serves `store` on a loopback port. */
export async function serveStore(store: WebhookInboxStore): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { method, args } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { method: (typeof METHODS)[number]; args: unknown[] };
      const call = (store[method] as (...a: unknown[]) => Promise<unknown>).apply(store, args);
      call.then(
        (value) => res.end(JSON.stringify({ value: value ?? null })),
        (error: unknown) => res.end(JSON.stringify({ error: String(error) })),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A `WebhookInboxStore` calling the store served at `url`. */
export function connectStore(url: string): WebhookInboxStore {
  const call = (method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const body = JSON.stringify({ method, args });
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { value?: unknown; error?: string };
          if (reply.error !== undefined) reject(new Error(reply.error));
          else resolve(reply.value ?? undefined);
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  return Object.fromEntries(METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as WebhookInboxStore;
}

/** The store-module entry point receiver processes load. */
export function createStore(): WebhookInboxStore {
  const url = process.env.KLER_SCALE_RPC_URL;
  if (!url) throw new Error('KLER_SCALE_RPC_URL is not set: the driver serves the store and passes its URL.');
  return connectStore(url);
}
