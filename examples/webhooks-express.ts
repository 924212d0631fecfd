/**
 * Receiving Kler webhooks with Express 5: verify the raw body, dedupe, answer 2xx fast.
 *
 *   KLER_WEBHOOK_SECRET=whsec_… npx node examples/webhooks-express.ts
 *   (`npx node` is the repository's Node 24; any Node ≥ 22.18 runs the TypeScript as is)
 */
import express from 'express';
import {
  createMemoryDedupeStore,
  KlerWebhookVerificationError,
  verifyWebhook,
  webhookDedupeKey,
  type KlerWebhookEvent,
  type UnknownWebhookEvent,
} from '@kler/sdk/webhooks';

const secret = process.env.KLER_WEBHOOK_SECRET ?? '';
// One process only; with several instances use a shared store (see WebhookDedupeStore's docs).
const processed = createMemoryDedupeStore({ ttlMs: 24 * 3600_000 });

export const app = express();

// express.raw on this route keeps the body as the exact bytes Kler signed. Register the route
// before any app-wide express.json(), which would parse it first.
app.post('/webhooks/kler', express.raw({ type: 'application/json' }), async (req, res) => {
  let event: KlerWebhookEvent;
  try {
    event = await verifyWebhook({ payload: req.body as Uint8Array, headers: req.headers, secret });
  } catch (error) {
    if (!KlerWebhookVerificationError.is(error)) throw error;
    console.warn(`kler webhook rejected (${error.reason}): ${error.message}`);
    res.status(400).json({ error: error.reason });
    return;
  }

  const key = webhookDedupeKey(event);
  if (!processed.claim(key)) {
    res.sendStatus(200); // a redelivery of something already queued
    return;
  }
  try {
    enqueue(event);
  } catch (error) {
    processed.release(key); // not queued: let Kler's retry try again
    throw error;
  }
  res.sendStatus(204); // fast: the work happens after the answer
});

/** Stands in for a durable job queue (BullMQ, SQS, a jobs table…). */
function enqueue(event: KlerWebhookEvent): void {
  setImmediate(() => {
    switch (event.event) {
      case 'transaction.received':
        console.log(`issue tickets for ${event.data.amount} ${event.data.currency} (${event.data.id}) in ${event.session_id}`);
        break;
      default: {
        // An event type this SDK does not know yet: verified, and returned as Kler sent it.
        const other: UnknownWebhookEvent = event;
        console.log(`ignored ${other.event} event`);
      }
    }
  });
}

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 3000);
  app.listen(port, () => console.log(`POST http://localhost:${port}/webhooks/kler`));
}
