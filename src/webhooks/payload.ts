/**
 * The raw body of a delivery. Signatures cover the exact bytes Kler sent; a body parsed into an
 * object and serialised again differs in whitespace, key order or number formatting, so only
 * the raw body can be verified.
 */
import { KlerWebhookVerificationError } from '../core/errors.js';

/**
 * The raw request body: a `string`, a `Uint8Array` (a Node `Buffer` is one), an `ArrayBuffer`
 * or another `ArrayBufferView` — never the object a JSON body parser produced.
 */
export type WebhookPayload = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** How to get the raw body in the frameworks people use; appended to `payload_not_raw` errors. */
export const RAW_BODY_HELP = [
  'Get the raw body like this:',
  "  - Express: app.post('/webhooks/kler', express.raw({ type: 'application/json' }), handler), then pass req.body (a Buffer). Register it before any app-wide express.json().",
  '  - Next.js App Router: const payload = await request.text() (or call verifyWebhookRequest(request, { secret })).',
  '  - Hono: const payload = await c.req.text() (or verifyWebhookRequest(c.req.raw, { secret })).',
  "  - Fastify: app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => done(null, body)), then pass request.body; or use a raw-body plugin and pass request.rawBody.",
].join('\n');

/**
 * Returns `payload` as a string or bytes, without copying.
 * @throws {KlerWebhookVerificationError} `payload_not_raw` for anything else, with the fix.
 */
export function rawPayload(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  // Cross-realm bytes (a Buffer from a vm context, an edge sandbox) fail `instanceof`.
  const tag = Object.prototype.toString.call(payload);
  if (tag === '[object Uint8Array]') return payload as Uint8Array;
  if (tag === '[object ArrayBuffer]') return new Uint8Array(payload as ArrayBuffer);
  throw new KlerWebhookVerificationError('payload_not_raw', notRawMessage(payload));
}

function notRawMessage(payload: unknown): string {
  if (payload === undefined || payload === null) {
    return (
      `The webhook payload is ${String(payload)}: pass the raw request body (a string or bytes) as \`payload\`. ` +
      'In Express, express.raw() leaves req.body empty when the Content-Type does not match its `type` option.\n' +
      RAW_BODY_HELP
    );
  }
  const what = typeof payload === 'object' ? (Array.isArray(payload) ? 'an array' : 'an object') : `a ${typeof payload}`;
  return (
    `The webhook payload must be the raw request body (a string or bytes) exactly as received, but got ${what}. ` +
    'It looks like a body parser already turned it into JSON; serialising it again would not reproduce the signed bytes.\n' +
    RAW_BODY_HELP
  );
}
