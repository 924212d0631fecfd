/**
 * `parseWebhookEventUnverified`, for deliveries that carry no signature. Its own module so the
 * client's bundle, which parses events through `events.ts` too, never sees the lazy `import()`
 * of zod's interpreter (see verify-delivery.ts).
 */
import type { KlerWebhookPayload } from '../schemas/webhook-event.js';
import { entryBodyParser } from './event-check-loader.js';
import { parseEventBody } from './events.js';
import { rawPayload, type WebhookPayload } from './payload.js';

/**
 * Parses a webhook body WITHOUT verifying that Kler sent it. Use it only for deliveries that
 * carry no signature, and pass the result to `kler.webhooks.confirm(event)` before acting: that
 * re-fetches the transaction from the API, which is what makes it trustworthy.
 * @throws {KlerWebhookVerificationError} `payload_not_raw` or `invalid_payload` (as rejections).
 * @throws {KlerConfigurationError} when zod, needed for a malformed body or an event type this SDK
 * does not know, cannot be loaded.
 * @example
 * const unverified = await parseWebhookEventUnverified(await request.text());
 * if (isTransactionReceivedEvent(unverified)) {
 *   const transaction = await kler.webhooks.confirm(unverified); // throws if Kler disagrees
 * }
 */
export async function parseWebhookEventUnverified(payload: WebhookPayload): Promise<KlerWebhookPayload> {
  // Typed as the known events, as `verifyWebhook` is: an unknown type is still returned as sent.
  return (await parseEventBody(rawPayload(payload), entryBodyParser)) as KlerWebhookPayload;
}

