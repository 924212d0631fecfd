/**
 * Receiving Kler webhooks with Express 5 the way Kler asks: verify, record the event durably,
 * answer 202 at once, and issue tickets from the inbox, with retries and dead letters.
 *
 *   KLER_WEBHOOK_SECRET=whsec_… npx node examples/webhooks-express.ts
 *   (`npx node` is the repository's Node 24; any Node ≥ 22.18 runs the TypeScript as is)
 */
import express from 'express';
import { createMemoryWebhookStore, createWebhookHandler } from '@kler/sdk/webhooks';

export const kler = createWebhookHandler({
  secret: process.env.KLER_WEBHOOK_SECRET ?? '',
  mode: 'inbox',
  // One process only: with several instances, pass a store they share (Redis, PostgreSQL).
  store: createMemoryWebhookStore(),
  on: {
    'transaction.received': async (event, { key }) => {
      if (event.data.status !== 'successful') return;
      // Throwing here retries later (then dead-letters); `key` makes the ticket write idempotent.
      console.log(`issue tickets for ${event.data.amount} ${event.data.currency} (${event.data.id}) in ${event.session_id} [${key}]`);
    },
  },
  onError: (error, { phase, key }) => console.error(`kler webhook ${phase} error on ${key}:`, error),
});

export const app = express();
// Before any app-wide express.json(): the handler reads the raw body itself.
app.post('/webhooks/kler', (req, res) => kler.node(req, res));

/** Works the inbox in this process; `stop()` finishes the work in hand. */
export const worker = kler.worker();

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 3000);
  app.listen(port, () => console.log(`POST http://localhost:${port}/webhooks/kler`));
}
