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
export const RAW_BODY_HELP = `Get the raw body:
  - Express: express.raw({ type: 'application/json' }) on the route, before any app-wide express.json(); req.body is a Buffer.
  - Next.js App Router: await request.text(), or verifyWebhookRequest(request, { secret }).
  - Hono: await c.req.text(), or verifyWebhookRequest(c.req.raw, { secret }).
  - Fastify: app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => done(null, body)), or a raw-body plugin's request.rawBody.`;

/**
 * Returns `payload` as a string or bytes, without copying.
 * @throws {KlerWebhookVerificationError} `payload_not_raw` for anything else, with the fix.
 */
export function rawPayload(payload: unknown): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  // `isView` and the tag also recognise bytes from another realm (a vm context, an edge
  // sandbox), where `instanceof` fails.
  if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  if (Object.prototype.toString.call(payload) === '[object ArrayBuffer]') return new Uint8Array(payload as ArrayBuffer);
  const missing = payload === undefined || payload === null;
  // `an Object`, `an Array`, `a Blob`, `a ReadableStream`, `a number`…
  const kind = typeof payload === 'object' ? Object.prototype.toString.call(payload).slice(8, -1) : typeof payload;
  const what = missing ? String(payload) : `${/^[AEIOU]/i.test(kind) ? 'an' : 'a'} ${kind}`;
  throw new KlerWebhookVerificationError(
    'payload_not_raw',
    `The webhook payload must be the raw request body (a string or bytes) exactly as received, but got ${what}` +
      (missing
        ? '. In Express, express.raw() leaves req.body empty when the Content-Type does not match its `type`.\n'
        : ': a parsed body cannot be turned back into the signed bytes, and an unread one (a Blob, a stream) must be read first (await body.arrayBuffer()).\n') +
      RAW_BODY_HELP,
  );
}
