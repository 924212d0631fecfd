/**
 * Receiving Kler webhooks with Hono on Cloudflare Workers (no Node APIs: Web Crypto does the
 * HMAC). The handler answers 2xx once the event is on a Cloudflare Queue, whose consumer issues
 * the tickets; the claims live in a Durable Object every isolate shares and that is atomic
 * (never Workers KV, whose writes are not). wrangler.toml:
 *
 *   [[durable_objects.bindings]]
 *   name = "KLER_WEBHOOKS"
 *   class_name = "KlerWebhookStoreObject"
 *   [[migrations]]
 *   tag = "v1"
 *   new_sqlite_classes = ["KlerWebhookStoreObject"]
 *
 *   wrangler secret put KLER_WEBHOOK_SECRET
 */
import { Hono } from 'hono';
import {
  createDurableObjectWebhookStore,
  createWebhookHandler,
  type DurableObjectNamespaceLike,
  type KlerWebhookEvent,
  type WebhookHandler,
} from '@kler/sdk/webhooks';

// The Durable Object class holding the store: the Worker exports it, wrangler binds it.
export { KlerWebhookStoreObject } from '@kler/sdk/webhooks';

/** The slice of a Queue producer binding used here (full types: @cloudflare/workers-types). */
interface Queue<T> {
  send(message: T): Promise<void>;
}

type Bindings = {
  KLER_WEBHOOK_SECRET: string;
  TICKET_JOBS: Queue<KlerWebhookEvent>;
  /** The Durable Object namespace bound to `KlerWebhookStoreObject`. */
  KLER_WEBHOOKS: DurableObjectNamespaceLike;
};

// One handler per isolate and environment: bindings arrive with each request.
const handlers = new WeakMap<Bindings, WebhookHandler>();
function handlerFor(env: Bindings): WebhookHandler {
  let handler = handlers.get(env);
  if (!handler) {
    handler = createWebhookHandler({
      secret: env.KLER_WEBHOOK_SECRET,
      store: createDurableObjectWebhookStore(env.KLER_WEBHOOKS), // one object, 'kler-webhooks'
      on: {
        'transaction.received': async (event) => {
          await env.TICKET_JOBS.send(event); // a Queue consumer issues the tickets
          console.log(`queued ${event.data.id} (${event.data.amount})`);
        },
      },
    });
    handlers.set(env, handler);
  }
  return handler;
}

const app = new Hono<{ Bindings: Bindings }>();
app.post('/webhooks/kler', (c) => handlerFor(c.env).fetch(c.req.raw));

export default app;
