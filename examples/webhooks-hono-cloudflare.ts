/**
 * Receiving Kler webhooks with Hono on Cloudflare Workers (no Node APIs: Web Crypto does the
 * HMAC). Dedupe uses a D1 table's primary key, since Workers isolates share no memory and KV
 * has no atomic "set if absent".
 *
 *   wrangler secret put KLER_WEBHOOK_SECRET
 */
import { Hono } from 'hono';
import {
  isTransactionReceivedEvent,
  KlerWebhookVerificationError,
  verifyWebhookRequest,
  webhookDedupeKey,
  type KlerWebhookEvent,
  type WebhookDedupeStore,
} from '@kler/sdk/webhooks';

/** The slice of Cloudflare's D1 binding used here (full types: @cloudflare/workers-types). */
interface D1Database {
  prepare(query: string): { bind(...values: unknown[]): { run(): Promise<{ meta: { changes: number } }> } };
}
/** The slice of a Queue producer binding used here. */
interface Queue<T> {
  send(message: T): Promise<void>;
}

type Bindings = {
  KLER_WEBHOOK_SECRET: string;
  DB: D1Database;
  TICKET_JOBS: Queue<KlerWebhookEvent>;
};

// CREATE TABLE kler_webhook_claims (key TEXT PRIMARY KEY, claimed_at TEXT DEFAULT CURRENT_TIMESTAMP);
function claimsIn(db: D1Database): WebhookDedupeStore {
  return {
    async claim(key) {
      const { meta } = await db.prepare('INSERT OR IGNORE INTO kler_webhook_claims (key) VALUES (?)').bind(key).run();
      return meta.changes === 1;
    },
    async release(key) {
      await db.prepare('DELETE FROM kler_webhook_claims WHERE key = ?').bind(key).run();
    },
  };
}

const app = new Hono<{ Bindings: Bindings }>();

app.post('/webhooks/kler', async (c) => {
  let event: KlerWebhookEvent;
  try {
    event = await verifyWebhookRequest(c.req.raw, { secret: c.env.KLER_WEBHOOK_SECRET });
  } catch (error) {
    if (!KlerWebhookVerificationError.is(error)) throw error;
    return c.json({ error: error.reason }, 400);
  }

  const claims = claimsIn(c.env.DB);
  const key = webhookDedupeKey(event);
  if (!(await claims.claim(key))) return c.body(null, 200);
  try {
    await c.env.TICKET_JOBS.send(event); // a Cloudflare Queue consumer issues the tickets
  } catch (error) {
    await claims.release(key);
    throw error;
  }
  if (isTransactionReceivedEvent(event)) console.log(`queued ${event.data.id} (${event.data.amount})`);
  return c.body(null, 204);
});

export default app;
