/**
 * Receiving Kler webhooks with Fastify 5: a raw-string body parser scoped to the webhook route,
 * verification, dedupe, and a fast 2xx.
 *
 *   KLER_WEBHOOK_SECRET=whsec_… npx node examples/webhooks-fastify.ts
 *   (`npx node` is the repository's Node 24; any Node ≥ 22.18 runs the TypeScript as is)
 */
import Fastify from 'fastify';
import {
  createMemoryDedupeStore,
  isTransactionReceivedEvent,
  KlerWebhookVerificationError,
  verifyWebhook,
  webhookDedupeKey,
  type KlerWebhookEvent,
} from '@kler/sdk/webhooks';

const secret = process.env.KLER_WEBHOOK_SECRET ?? '';
// One process only; with several instances use a shared store (see WebhookDedupeStore's docs).
const processed = createMemoryDedupeStore();

export const app = Fastify({ logger: false });

// Inside a plugin, the raw parser applies to this route only; the rest of the app keeps JSON.
await app.register(async (webhooks) => {
  webhooks.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  webhooks.post('/webhooks/kler', async (request, reply) => {
    let event: KlerWebhookEvent;
    try {
      event = await verifyWebhook({ payload: request.body as string, headers: request.headers, secret });
    } catch (error) {
      if (!KlerWebhookVerificationError.is(error)) throw error;
      request.log.warn({ reason: error.reason }, error.message);
      return reply.code(400).send({ error: error.reason });
    }

    const key = webhookDedupeKey(event);
    if (!processed.claim(key)) return reply.code(200).send();
    try {
      enqueue(event);
    } catch (error) {
      processed.release(key);
      throw error;
    }
    return reply.code(204).send();
  });
});

/** Stands in for a durable job queue. */
function enqueue(event: KlerWebhookEvent): void {
  setImmediate(() => {
    if (isTransactionReceivedEvent(event)) console.log(`issue tickets for ${event.data.id} (${event.data.amount})`);
  });
}

if (import.meta.main) {
  await app.listen({ port: Number(process.env.PORT ?? 3000) });
  console.log(`POST http://localhost:${app.server.address() && (app.server.address() as { port: number }).port}/webhooks/kler`);
}
