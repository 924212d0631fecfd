/**
 * `verifyWebhookRequest`: verification of a delivery given as a Fetch API `Request`, on top of
 * `verifyWebhook`.
 */
import { KlerWebhookVerificationError } from '../core/errors.js';
import type { KlerWebhookEvent } from '../schemas/webhook-event.js';
import { RAW_BODY_HELP } from './payload.js';
import { prepare, verifyWebhook, type VerifyWebhookRequestOptions } from './verify.js';

/**
 * Verifies a delivery given as a Fetch API `Request` (Next.js App Router, Hono, Cloudflare
 * Workers, Bun, Deno) and parses it into a typed event. Reads the body once, as bytes; do not
 * read it before (or verify a `request.clone()`).
 * @throws {KlerWebhookVerificationError} as `verifyWebhook` does.
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
  if (request.bodyUsed) {
    throw new KlerWebhookVerificationError(
      'payload_not_raw',
      'The request body was already read (by `request.json()` or a middleware), so the raw bytes are gone: verify first, or verify a `request.clone()`.',
    );
  }
  return verifyWebhook({ ...options, payload: new Uint8Array(await request.arrayBuffer()), headers: request.headers });
}
