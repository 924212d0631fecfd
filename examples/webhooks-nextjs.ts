/**
 * Receiving Kler webhooks in a Next.js App Router route handler, e.g.
 * `app/api/webhooks/kler/route.ts`. Works on the Node.js and the Edge runtime alike.
 *
 * Serverless functions share no memory, so the store is one every instance shares: a Redis or
 * PostgreSQL `WebhookStore` built on your own client. The work runs before the answer (inline):
 * Kler gets 2xx only once the ticket job is written, 409 while another instance is on it.
 */
import { createWebhookHandler, type WebhookStore } from '@kler/sdk/webhooks';

/** The slice of a SQL client this needs (node-postgres, Neon, Vercel Postgres…). */
interface Sql {
  query(text: string, values: unknown[]): Promise<{ rowCount: number | null }>;
}
declare const db: Sql;
/** Your shared store (Redis, PostgreSQL), created once per instance. */
declare const store: WebhookStore;

const kler = createWebhookHandler({
  secret: process.env.KLER_WEBHOOK_SECRET ?? '',
  store,
  on: {
    'transaction.received': async (event, { key }) => {
      // Unique on `key`: even work run twice after a crash writes one job.
      await db.query('INSERT INTO ticket_jobs (key, transaction_id, session_id, amount) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING', [
        key,
        event.data.id,
        event.session_id,
        event.data.amount, // keep amounts as decimal strings: never parseFloat money
      ]);
    },
  },
});

// Reads the raw body itself; do not call request.json() first.
export const POST = (request: Request): Promise<Response> => kler.fetch(request);
