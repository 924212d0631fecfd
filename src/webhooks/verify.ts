/**
 * The entry points that turn a delivery into a verified, typed event: `verifyWebhook` for a raw
 * body plus headers, `verifyWebhookRequest` for a Fetch API `Request`.
 */
import { KlerWebhookVerificationError } from '../core/errors.js';
import type { KlerWebhookEvent } from '../schemas/webhook-event.js';
import { entryBodyParser } from './event-check-loader.js';
import { RAW_BODY_HELP } from './payload.js';
import { prepare, verifyDelivery, type VerifyWebhookOptions, type VerifyWebhookRequestOptions } from './verify-delivery.js';

export type { VerifyWebhookOptions, VerifyWebhookRequestOptions, WebhookScheme } from './verify-delivery.js';

/**
 * Verifies a webhook delivery and parses it into a typed event. Asynchronous because Web Crypto
 * is; on Node, Bun and Deno the HMAC itself runs synchronously through node:crypto.
 *
 * Resolves only when a signature made with one of the secrets matches the raw body and, for
 * Standard Webhooks, its signed timestamp is within `toleranceSeconds` of now.
 * @throws {KlerWebhookVerificationError} with a `reason`: `payload_not_raw`, `missing_header`,
 *   `invalid_header`, `no_matching_signature`, `timestamp_too_old`, `timestamp_too_new`,
 *   `invalid_payload` (verified, but not a Kler event).
 * @throws {KlerConfigurationError} when the secret or options are unusable, or zod (loaded for a
 * malformed body or an event type this SDK does not know) cannot be loaded.
 * @example
 * import { verifyWebhook } from '@kler/sdk/webhooks';
 *
 * const event = await verifyWebhook({
 *   payload: req.body, // raw: express.raw({ type: 'application/json' })
 *   headers: req.headers,
 *   secret: process.env.KLER_WEBHOOK_SECRET!,
 * });
 * if (event.event === 'transaction.received') await issueTicket(event.data);
 */
export function verifyWebhook(options: VerifyWebhookOptions): Promise<KlerWebhookEvent> {
  // Not `async` itself: `verifyDelivery` is, so every failure is still a rejection, and one
  // promise per delivery is less work than two on this hot path.
  return verifyDelivery(options, entryBodyParser);
}

/**
 * Verifies a delivery given as a Fetch API `Request` (Next.js App Router, Hono, Cloudflare
 * Workers, Bun, Deno) and parses it into a typed event. Reads the body once, as bytes; do not
 * read it before (or verify a `request.clone()`).
 * @throws {KlerWebhookVerificationError} as `verifyWebhook` does.
 * @throws {KlerConfigurationError} when the secret or options are unusable (checked before the
 * body is read, so the request stays readable), or zod cannot be loaded (as for `verifyWebhook`).
 * @example
 * export async function POST(request: Request) {
 *   const event = await verifyWebhookRequest(request, { secret: process.env.KLER_WEBHOOK_SECRET! });
 *   // …queue the work, then answer fast:
 *   return new Response(null, { status: 204 });
 * }
 */
export async function verifyWebhookRequest(request: Request, options: VerifyWebhookRequestOptions): Promise<KlerWebhookEvent> {
  // Options are checked before the body is consumed, so a configuration mistake leaves the
  // request readable.
  prepare('verifyWebhookRequest takes the request and { secret }.', options, '', undefined);
  if (!request || typeof request.arrayBuffer !== 'function') {
    throw new KlerWebhookVerificationError(
      'payload_not_raw',
      `verifyWebhookRequest takes a Fetch API Request. For Node-style requests (Express, Fastify, node:http) call verifyWebhook({ payload, headers: req.headers, secret }) with the raw body.\n${RAW_BODY_HELP}`,
    );
  }
  // `bodyUsed` stays false while a reader merely holds the stream locked: then arrayBuffer() throws.
  if (request.bodyUsed || request.body?.locked) {
    throw new KlerWebhookVerificationError(
      'payload_not_raw',
      'The request body was already read (by `request.json()` or a middleware), so the raw bytes are gone: verify first, or verify a `request.clone()`.',
    );
  }
  let payload: Uint8Array;
  try {
    payload = new Uint8Array(await request.arrayBuffer());
  } catch (cause) {
    throw new KlerWebhookVerificationError(
      'invalid_payload',
      'The request body broke off while being read: nothing to verify.',
      { cause },
    );
  }
  return verifyDelivery({ ...options, payload, headers: request.headers }, entryBodyParser);
}

