/**
 * The verification every door shares: options checked, the scheme's signature and time checked,
 * then the body parsed by the caller's parser. `verify.ts` (the `@kler/sdk/webhooks` entry
 * points) passes the fast path with zod's interpreter loaded lazily; the client's
 * `kler.webhooks.verify` passes the interpreter alone. Kept apart from `verify.ts` so the
 * client's bundle never sees that lazy `import()` (which would make a bundler wrap every module
 * the client shares with it in an initialiser).
 */
import { KlerConfigurationError } from '../core/errors.js';
import type { KlerWebhookEvent } from '../schemas/webhook-event.js';
import { resolveBodyHmac, verifyBodyHmac, type BodyHmacScheme } from './body-hmac.js';
import { whenReady } from './crypto.js';
import { parseEventBody, withDelivery, type EventBodyParser, type WebhookDelivery } from './events.js';
import { readHeaders, type WebhookHeaders } from './headers.js';
import { rawPayload, type WebhookPayload } from './payload.js';
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

/** `verifyWebhook`, parsing bodies with `parser` (the client passes zod's interpreter alone). */
export async function verifyDelivery(options: VerifyWebhookOptions, parser: EventBodyParser): Promise<KlerWebhookEvent> {
  const input = prepare('verifyWebhook takes one object: { payload, headers, secret }.', options, options?.payload, options?.headers);
  // Verified, then parsed; synchronous all the way when the HMAC is. Typed as the events this
  // SDK knows (a closed union, so `switch (event.event)` narrows); an event type Kler added
  // since is still returned as sent, for `isUnknownWebhookEvent` and a `default:` branch.
  return whenReady(input.verify(input), (delivery) =>
    whenReady(parseEventBody(input.body, parser), (payload) => withDelivery(payload, delivery) as KlerWebhookEvent),
  );
}

type Verifier = (input: SchemeInput) => WebhookDelivery | Promise<WebhookDelivery>;

/** Everything a scheme needs, checked, with the scheme's verifier: a mistake fails before any work. */
export function prepare(usage: string, options: VerifyWebhookRequestOptions, payload: unknown, headers: unknown): SchemeInput & { verify: Verifier } {
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
