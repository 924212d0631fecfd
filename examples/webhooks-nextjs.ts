/**
 * Receiving Kler webhooks in a Next.js App Router route handler, e.g.
 * `app/api/webhooks/kler/route.ts` (Node.js runtime: `pg` needs TCP sockets).
 *
 * Serverless functions share no memory, so the store is one every instance shares: here the
 * PostgreSQL store on a `pg` Pool from `DATABASE_URL`, the same database the ticket jobs go to.
 * Create its table once with your migrations: `npx kler webhooks migration` prints the SQL.
 * The work runs before the answer (inline): Kler gets 2xx only once the ticket job is written,
 * 409 while another instance is on it.
 */
import pg from 'pg';
import { createPostgresWebhookStore, createWebhookHandler } from '@kler/sdk/webhooks';

// One pool per instance; allowExitOnIdle lets an idle function's process end.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5, allowExitOnIdle: true });

const kler = createWebhookHandler({
  secret: process.env.KLER_WEBHOOK_SECRET ?? '',
  store: createPostgresWebhookStore({ client: pool }), // table kler_webhook_work by default
  on: {
    'transaction.received': async (event, { key }) => {
      // Unique on `key`: even work run twice after a crash writes one job.
      await pool.query('INSERT INTO ticket_jobs (key, transaction_id, session_id, amount) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING', [
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
