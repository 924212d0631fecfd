/**
 * Receiving Kler webhooks in a Next.js App Router route handler, e.g.
 * `app/api/webhooks/kler/route.ts`. Works on the Node.js and the Edge runtime alike.
 *
 * Dedupe: serverless functions share no memory, so the claim goes to a shared store. This one
 * uses a table with a unique key; any `WebhookDedupeStore` will do (Redis `SET NX`, …).
 */
import {
  isTransactionReceivedEvent,
  KlerWebhookVerificationError,
  verifyWebhookRequest,
  webhookDedupeKey,
  type KlerWebhookEvent,
  type WebhookDedupeStore,
} from '@kler/sdk/webhooks';

/** The slice of a SQL client this needs (node-postgres, Neon, Vercel Postgres…). */
interface Sql {
  query(text: string, values: unknown[]): Promise<{ rowCount: number | null }>;
}
declare const db: Sql;

// CREATE TABLE kler_webhook_claims (key text PRIMARY KEY, claimed_at timestamptz DEFAULT now());
const claims: WebhookDedupeStore = {
  async claim(key) {
    const result = await db.query('INSERT INTO kler_webhook_claims (key) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
    return result.rowCount === 1;
  },
  async release(key) {
    await db.query('DELETE FROM kler_webhook_claims WHERE key = $1', [key]);
  },
};

export async function POST(request: Request): Promise<Response> {
  let event: KlerWebhookEvent;
  try {
    // Reads the raw body itself; do not call request.json() first.
    event = await verifyWebhookRequest(request, { secret: process.env.KLER_WEBHOOK_SECRET ?? '' });
  } catch (error) {
    if (!KlerWebhookVerificationError.is(error)) throw error;
    return Response.json({ error: error.reason }, { status: 400 });
  }

  const key = webhookDedupeKey(event);
  if (!(await claims.claim(key))) return new Response(null, { status: 200 }); // already handled
  try {
    await enqueue(event);
  } catch (error) {
    await claims.release(key);
    throw error; // 500: Kler retries
  }
  return new Response(null, { status: 204 });
}

/**
 * Stands in for a durable queue (Vercel Queues, QStash, SQS, a jobs table…). Keep it quick:
 * Kler waits for the answer. For small follow-up work, `after()` from `next/server` also runs
 * code after the response.
 */
async function enqueue(event: KlerWebhookEvent): Promise<void> {
  if (isTransactionReceivedEvent(event)) {
    await db.query('INSERT INTO ticket_jobs (transaction_id, session_id, amount) VALUES ($1, $2, $3)', [
      event.data.id,
      event.session_id,
      event.data.amount, // keep amounts as decimal strings: never parseFloat money
    ]);
  }
}
