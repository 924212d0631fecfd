/**
 * The entry points that turn a delivery into a verified, typed event: `verifyWebhook` for a raw
 * body plus headers, `verifyWebhookRequest` for a Fetch API `Request`.
 */
import { KlerConfigurationError, KlerWebhookVerificationError } from '../core/errors.js';
import type { KlerWebhookEvent } from '../schemas/webhook-event.js';
import { resolveBodyHmac, verifyBodyHmac, type BodyHmacScheme } from './body-hmac.js';
import { whenReady } from './crypto.js';
import { parseEventBody, withDelivery, type KnownPayloadsSchema, type WebhookDelivery } from './events.js';
import { fastKnownPayloads } from './fast-payloads.js';
import { readHeaders, type WebhookHeaders } from './headers.js';
import { rawPayload, RAW_BODY_HELP, type WebhookPayload } from './payload.js';
import { parseSecrets, type WebhookSecret } from './secret.js';
import { verifyStandardWebhook, type SchemeInput, type StandardWebhooksScheme } from './standard-webhooks.js';
import { checkTolerance, nowInSeconds } from './time.js';

/** How deliveries are signed: Standard Webhooks (the default) or an HMAC of the body alone. */
export type WebhookScheme = StandardWebhooksScheme | BodyHmacScheme;

/** Everything `verifyWebhookRequest` needs besides the request. */
export interface VerifyWebhookRequestOptions {
  /** The endpoint's signing secret (`whsec_…`, or plain text used as UTF-8), or several while rotating. */
  secret: WebhookSecret;
  /**
   * How far the signed timestamp may be from `now`, in seconds, either way. `0` means exactly
   * zero; `Infinity` switches the check off (which also switches off replay protection).
   * Not used by the body-hmac scheme, which has no signed time.
   * @default 300
   */
  toleranceSeconds?: number;
  /**
   * The time to check the timestamp against: a `Date` or epoch milliseconds (as `Date.now()`
   * returns). For tests.
   * @default new Date()
   */
  now?: Date | number;
  /** How deliveries are signed. @default { type: 'standard-webhooks' } */
  scheme?: WebhookScheme;
}

/** Everything `verifyWebhook` needs. */
export interface VerifyWebhookOptions extends VerifyWebhookRequestOptions {
  /**
   * The raw request body exactly as received: a string or bytes (a Node `Buffer` works), never
   * the object a JSON body parser made of it.
   */
  payload: WebhookPayload;
  /** The request headers: a `Headers`, Node's `req.headers`, or a plain object (any case). */
  headers: WebhookHeaders;
}

/**
 * Verifies a webhook delivery and parses it into a typed event. Asynchronous because Web Crypto
 * is; on Node, Bun and Deno the HMAC itself runs synchronously through node:crypto.
 *
 * Resolves only when a signature made with one of the secrets matches the raw body and, for
 * Standard Webhooks, its signed timestamp is within `toleranceSeconds` of now.
 * @throws {KlerWebhookVerificationError} with a `reason`: `payload_not_raw`, `missing_header`,
 *   `invalid_header`, `no_matching_signature`, `timestamp_too_old`, `timestamp_too_new`,
 *   `invalid_payload` (verified, but not a Kler event).
 * @throws {KlerConfigurationError} when the secret or options are unusable.
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
  return verifyDelivery(options, fastKnownPayloads);
}

/** `verifyWebhook`, parsing known events with `known` (the client passes zod's interpreter). */
export async function verifyDelivery(options: VerifyWebhookOptions, known: KnownPayloadsSchema): Promise<KlerWebhookEvent> {
  const input = prepare('verifyWebhook takes one object: { payload, headers, secret }.', options, options?.payload, options?.headers);
  // Verified, then parsed; synchronous all the way when the HMAC is. Typed as the events this
  // SDK knows (a closed union, so `switch (event.event)` narrows); an event type Kler added
  // since is still returned as sent, for `isUnknownWebhookEvent` and a `default:` branch.
  return whenReady(input.verify(input), (delivery) => withDelivery(parseEventBody(input.body, known), delivery) as KlerWebhookEvent);
}

/**
 * Verifies a delivery given as a Fetch API `Request` (Next.js App Router, Hono, Cloudflare
 * Workers, Bun, Deno) and parses it into a typed event. Reads the body once, as bytes; do not
 * read it before (or verify a `request.clone()`).
 * @throws {KlerWebhookVerificationError} as `verifyWebhook` does.
 * @throws {KlerConfigurationError} when the secret or options are unusable (checked before the
 * body is read, so the request stays readable).
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
  return verifyDelivery({ ...options, payload, headers: request.headers }, fastKnownPayloads);
}

type Verifier = (input: SchemeInput) => WebhookDelivery | Promise<WebhookDelivery>;

/** Everything a scheme needs, checked, with the scheme's verifier: a mistake fails before any work. */
function prepare(usage: string, options: VerifyWebhookRequestOptions, payload: unknown, headers: unknown): SchemeInput & { verify: Verifier } {
  if (!options || typeof options !== 'object') throw new KlerConfigurationError(usage);
  const { scheme } = options;
  let verify: Verifier = verifyStandardWebhook;
  if (scheme?.type === 'body-hmac') {
    const resolved = resolveBodyHmac(scheme);
    verify = (input) => verifyBodyHmac(resolved, input);
  } else if (scheme !== undefined && scheme?.type !== 'standard-webhooks') {
    throw new KlerConfigurationError(
      `Unknown webhook scheme ${JSON.stringify((scheme as { type?: unknown } | null)?.type)}: use { type: 'standard-webhooks' } or { type: 'body-hmac', header }.`,
    );
  }
  return {
    verify,
    body: rawPayload(payload),
    headers: readHeaders(headers),
    secrets: parseSecrets(options.secret),
    nowSeconds: nowInSeconds(options.now),
    toleranceSeconds: checkTolerance(options.toleranceSeconds),
  };
}
