/**
 * A handler process that claims one key and then hangs mid-work, until the test SIGKILLs it:
 * its lease is orphaned, never released. argv: <store> <connection> <key> <leaseMs> [namespace].
 */
import { createPostgresWebhookStore, createRedisWebhookStore } from '../../../src/webhooks/index.js';
import type { WebhookStore } from '../../../src/webhooks/store.js';

const [kind, connection, key, leaseMs, namespace] = process.argv.slice(2) as [string, string, string, string, string?];

async function open(): Promise<WebhookStore> {
  if (kind === 'redis') {
    const { createClient } = await import('redis');
    const client = await createClient({ url: connection }).connect();
    return createRedisWebhookStore({ client, ...(namespace ? { prefix: namespace } : {}) });
  }
  if (kind === 'ioredis') {
    const { Redis } = await import('ioredis');
    return createRedisWebhookStore({ client: new Redis(connection), ...(namespace ? { prefix: namespace } : {}) });
  }
  if (kind === 'pg') {
    const { default: pg } = await import('pg');
    return createPostgresWebhookStore({ client: new pg.Pool({ connectionString: connection }), ...(namespace ? { table: namespace } : {}) });
  }
  if (kind === 'http') {
    const [store, ns] = (namespace ?? 'do:kler-webhooks').split(':') as [string, string];
    // A Worker route that runs the store in workerd; this process holds the token it hands out.
    return {
      claim: async (k, o) => (await fetch(`${connection}/claim?store=${store}&ns=${ns}&key=${encodeURIComponent(k)}&leaseMs=${o.leaseMs}`)).json(),
      complete: async () => false,
      release: async () => undefined,
    };
  }
  throw new Error(`unknown store ${kind}`);
}

const store = await open();
const claim = await store.claim(key, { leaseMs: Number(leaseMs) });
process.stdout.write(`${JSON.stringify(claim)}\n`);
setInterval(() => undefined, 1 << 30); // "working" until killed
