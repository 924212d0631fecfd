/**
 * Receiving Kler webhooks with Fastify 5: the work runs before the answer (inline), so Kler
 * gets 2xx only once the tickets are issued, and retries otherwise.
 *
 *   KLER_WEBHOOK_SECRET=whsec_… npx node examples/webhooks-fastify.ts
 *   (`npx node` is the repository's Node 24; any Node ≥ 22.18 runs the TypeScript as is)
 */
import Fastify from 'fastify';
import { createMemoryWebhookStore, createWebhookHandler } from '@kler/sdk/webhooks';

const kler = createWebhookHandler({
  secret: process.env.KLER_WEBHOOK_SECRET ?? '',
  store: createMemoryWebhookStore(), // one process; share a Redis/PostgreSQL store across instances
  on: {
    'transaction.received': async (event, { signal }) => {
      if (event.data.status === 'successful') await issueTickets(event.data.id, event.data.amount, signal);
    },
  },
});

export const app = Fastify({ logger: false });

// Inside a plugin, this parser applies to the webhook route only: it leaves the body unread, so
// the handler reads the exact bytes Kler signed. The rest of the app keeps Fastify's JSON parser.
await app.register(async (webhooks) => {
  webhooks.addContentTypeParser('application/json', (_request, _payload, done) => done(null));
  webhooks.post('/webhooks/kler', async (request, reply) => {
    reply.hijack(); // the handler writes the answer itself
    await kler.node(request.raw, reply.raw);
  });
});

/** Stands in for the ticket write (keep it idempotent on the transaction id). */
async function issueTickets(transactionId: string, amount: string, _signal: AbortSignal): Promise<void> {
  console.log(`issue tickets for ${transactionId} (${amount})`);
}

if (import.meta.main) {
  await app.listen({ port: Number(process.env.PORT ?? 3000) });
  console.log(`POST http://localhost:${(app.server.address() as { port: number }).port}/webhooks/kler`);
}
