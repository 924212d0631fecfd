/**
 * Signs a payload the way a sender would, for tests of webhook handlers (yours, and the SDK's
 * testing kit, which delivers signed webhooks from its fake Kler).
 */
import { KlerConfigurationError } from '../core/errors.js';
import { resolveBodyHmac, type BodyHmacScheme } from './body-hmac.js';
import type { HmacKey } from './crypto.js';
import { parseSecrets, type WebhookSecret } from './secret.js';
import {
  signedContent,
  WEBHOOK_ID,
  WEBHOOK_SIGNATURE,
  WEBHOOK_TIMESTAMP,
  type StandardWebhooksScheme,
} from './standard-webhooks.js';

/**
 * The headers of a delivery signed with Standard Webhooks. A type alias, not an interface, so it
 * passes as `HeadersInit` and as a plain header record.
 */
export type StandardWebhookHeaders = {
  /** The delivery id, the same on every retry. */
  'webhook-id': string;
  /** When it was signed, in unix seconds. */
  'webhook-timestamp': string;
  /** `v1,<base64 signature>`, one per secret, separated by spaces. */
  'webhook-signature': string;
};

/** What to sign. */
export interface SignWebhookOptions {
  /** The exact body that will be sent: sign the string you send, not an object. */
  payload: string | Uint8Array;
  /** The signing secret; several give one signature each (as a sender does while rotating). */
  secret: WebhookSecret;
  /** The delivery id. @default `msg_` and a random UUID without dashes */
  id?: string;
  /**
   * When it was signed: a `Date`, or unix **seconds** as in the `webhook-timestamp` header and
   * `event.timestamp`.
   * @default `new Date()`, now
   */
  timestamp?: Date | number;
  /** How to sign. @default { type: 'standard-webhooks' } */
  scheme?: StandardWebhooksScheme | BodyHmacScheme;
}

/**
 * Signs `payload` and returns the headers to send with it. With Standard Webhooks (the default)
 * these are `webhook-id`, `webhook-timestamp` and `webhook-signature`; with the body-hmac scheme,
 * the one configured header.
 * @throws {KlerConfigurationError} when the secret or options are unusable.
 * @example
 * const payload = JSON.stringify({ event: 'transaction.received', session_id: 'sess_1', data: { … } });
 * const headers = await signWebhook({ payload, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
 * await fetch('http://localhost:3000/webhooks/kler', { method: 'POST', body: payload, headers });
 */
export async function signWebhook(options: SignWebhookOptions & { scheme?: StandardWebhooksScheme }): Promise<StandardWebhookHeaders>;
export async function signWebhook(options: SignWebhookOptions & { scheme: BodyHmacScheme }): Promise<Record<string, string>>;
export async function signWebhook(options: SignWebhookOptions): Promise<StandardWebhookHeaders | Record<string, string>> {
  const { payload, scheme } = options;
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
    throw new KlerConfigurationError('signWebhook needs `payload` as the exact string or bytes you will send.');
  }
  const secrets = parseSecrets(options.secret);
  const signAll = (...args: Parameters<HmacKey['sign']>) => Promise.all(secrets.map(({ key }) => key.sign(...args)));
  if (scheme?.type === 'body-hmac') {
    const { header, algorithm, encoding } = resolveBodyHmac(scheme);
    const signatures = await signAll(algorithm, [payload], encoding);
    return { [header]: signatures.map((digest) => (scheme.prefix ?? '') + digest).join(',') };
  }
  const id = options.id ?? `msg_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
  if (typeof id !== 'string' || id === '') throw new KlerConfigurationError('signWebhook `id` must be a non-empty string.');
  const timestamp = toUnixSeconds(options.timestamp);
  const signatures = await signAll('sha256', signedContent(id, timestamp, payload), 'base64');
  return {
    [WEBHOOK_ID]: id,
    [WEBHOOK_TIMESTAMP]: String(timestamp),
    [WEBHOOK_SIGNATURE]: signatures.map((digest) => `v1,${digest}`).join(' '),
  };
}

function toUnixSeconds(timestamp: Date | number | undefined): number {
  const seconds =
    timestamp === undefined ? Math.floor(Date.now() / 1000) : timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (Number.isInteger(seconds) && seconds >= 0 && seconds < 1e11) return seconds;
  throw new KlerConfigurationError(
    `signWebhook \`timestamp\` must be a Date or whole unix seconds, got ${String(timestamp)}.` +
      (seconds >= 1e11 ? ' It looks like milliseconds: pass Math.floor(ms / 1000) or a Date.' : ''),
  );
}
