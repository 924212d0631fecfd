/**
 * A Worker run by the tests in workerd (through miniflare): the stores' client code runs here,
 * in the real Workers runtime, against a real Durable Object and D1 database.
 * Routes: POST /store/<do|d1>/<namespace> {method,args} calls the store; GET /race/<do|d1>/<ns>?n
 * claims one key n times at once; GET /kv-race?n does the naive KV claim; GET /kv-refused;
 * GET /claim?store&ns&key&leaseMs; POST /webhook/<do|d1>/<ns> is `createWebhookHandler().fetch` on that store;
 * GET /raw-do?key and /raw-d1?key write one key (the benchmark's floor).
 */
import {
  createD1WebhookStore,
  createDurableObjectWebhookStore,
  createWebhookHandler,
  type D1DatabaseLike,
  type DurableObjectNamespaceLike,
} from '../../../src/webhooks/index.js';
import type { WebhookInboxStore } from '../../../src/webhooks/store.js';

export { KlerWebhookStoreObject } from '../../../src/webhooks/index.js';

/** The benchmark's floor: one Durable Object request that writes one key, nothing else. */
export class RawObject {
  constructor(private readonly state: { storage: { put(key: string, value: unknown): Promise<void> } }) {}
  async fetch(request: Request): Promise<Response> {
    await this.state.storage.put(new URL(request.url).searchParams.get('key')!, 1);
    return new Response('ok');
  }
}

interface KvLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}

interface Env {
  KLER_WEBHOOKS: DurableObjectNamespaceLike;
  RAW: DurableObjectNamespaceLike;
  DB: D1DatabaseLike;
  KV: KvLike;
  WEBHOOK_SECRET: string;
}

function storeOf(env: Env, kind: string, namespace: string): WebhookInboxStore {
  return kind === 'd1' ? createD1WebhookStore(env.DB, { table: namespace }) : createDurableObjectWebhookStore(env.KLER_WEBHOOKS, { name: namespace });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const [, route, kind = 'do', namespace = 'kler-webhooks'] = url.pathname.split('/');
    try {
      if (route === 'store') {
        const { method, args } = (await request.json()) as { method: keyof WebhookInboxStore; args: unknown[] };
        const store = storeOf(env, kind, namespace) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
        return Response.json({ result: (await store[method]!(...args)) ?? null });
      }
      if (route === 'raw-do') {
        const stub = env.RAW.get(env.RAW.idFromName('raw') as never) as unknown as { fetch(url: string): Promise<Response> };
        return stub.fetch(`https://raw/?key=${url.searchParams.get('key')}`);
      }
      if (route === 'raw-d1') {
        await env.DB.prepare('INSERT INTO raw_floor (key) VALUES (?1) ON CONFLICT DO NOTHING').bind(url.searchParams.get('key')).all();
        return new Response('ok');
      }
      if (route === 'race') {
        const store = storeOf(env, kind, namespace);
        const n = Number(url.searchParams.get('n') ?? 50);
        const claims = await Promise.all(Array.from({ length: n }, () => store.claim('race', { leaseMs: 60_000 })));
        return Response.json(claims.map((c) => c.status));
      }
      if (route === 'kv-race') {
        // The pattern KV invites: read, and write if absent. Nothing makes the pair atomic.
        const key = `claim:${crypto.randomUUID()}`;
        const n = Number(url.searchParams.get('n') ?? 20);
        const wins = await Promise.all(
          Array.from({ length: n }, async (_, i) => {
            if ((await env.KV.get(key)) !== null) return false;
            await env.KV.put(key, String(i));
            return true;
          }),
        );
        return Response.json({ winners: wins.filter(Boolean).length });
      }
      if (route === 'kv-refused') {
        try {
          createDurableObjectWebhookStore(env.KV as never);
          return Response.json({ refused: false });
        } catch (error) {
          return Response.json({ refused: true, name: (error as Error).name, message: (error as Error).message });
        }
      }
      if (route === 'claim') {
        const q = url.searchParams;
        const store = storeOf(env, q.get('store') ?? 'do', q.get('ns') ?? 'kler-webhooks');
        return Response.json(await store.claim(q.get('key')!, { leaseMs: Number(q.get('leaseMs')) }));
      }
      if (route === 'webhook') {
        // The handler's fetch door, in the real Workers runtime, on the Durable Object store.
        const handler = createWebhookHandler({
          secret: env.WEBHOOK_SECRET,
          store: storeOf(env, kind, namespace),
          leaseMs: 30_000,
          on: {
            'transaction.received': async () => {
              await new Promise((resolve) => setTimeout(resolve, 50)); // "issue the ticket"
            },
          },
          onError: () => undefined,
        });
        return await handler.fetch(request);
      }
      return new Response('not found', { status: 404 });
    } catch (error) {
      return Response.json({ error: String((error as Error)?.stack ?? error) }, { status: 500 });
    }
  },
};
