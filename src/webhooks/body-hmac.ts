/**
 * The body-HMAC scheme, for deployments that sign only the raw body (HMAC-SHA256 or -SHA512,
 * hex or base64, in a header of their choosing — the way Providus signs its calls to Kler).
 * It proves who sent the body but carries no signed time, so it cannot stop replays: a captured
 * delivery verifies forever. A done key kept forever is what makes a replay harmless:
 * `createWebhookHandler` keeps them with `retainMs: null` for this scheme, so give it a store that
 * persists (PostgreSQL, a Durable Object); one that forgets (the memory store after a restart, a
 * Redis key with a TTL) is not enough.
 */
import { KlerConfigurationError, KlerWebhookVerificationError } from '../core/errors.js';
import { findMatchingDigest, whenReady, type HmacAlgorithm } from './crypto.js';
import { fromBase64, toHex } from './encoding.js';
import type { WebhookDelivery } from './events.js';
import { signatureMismatch } from './secret.js';
import type { SchemeInput } from './standard-webhooks.js';

/**
 * Selects the body-HMAC scheme and describes it.
 * @example
 * { type: 'body-hmac', header: 'x-kler-signature', algorithm: 'sha512', encoding: 'hex' }
 */
export interface BodyHmacScheme {
  /** Selects this scheme. */
  type: 'body-hmac';
  /** The header carrying the signature, any case, e.g. `'x-kler-signature'`. */
  header: string;
  /** The hash of the HMAC. @default 'sha256' */
  algorithm?: HmacAlgorithm;
  /** How the signature is written. Hex is accepted in either case. @default 'hex' */
  encoding?: 'hex' | 'base64';
  /** Text before the signature, e.g. `'sha256='` (GitHub style); matched case-insensitively. @default '' */
  prefix?: string;
}

/** A scheme with its defaults filled in and checked. */
export type ResolvedBodyHmac = Required<Omit<BodyHmacScheme, 'type'>>;

/** Fills in defaults and rejects a scheme that could never verify anything. */
export function resolveBodyHmac(scheme: BodyHmacScheme): ResolvedBodyHmac {
  const { header, algorithm = 'sha256', encoding = 'hex', prefix = '' } = scheme;
  const problem =
    typeof header !== 'string' || !/^[!#$%&'*+.^_`|~\w-]+$/.test(header)
      ? '`header`, the name of the signature header'
      : algorithm !== 'sha256' && algorithm !== 'sha512'
        ? "`algorithm` 'sha256' or 'sha512'"
        : encoding !== 'hex' && encoding !== 'base64'
          ? "`encoding` 'hex' or 'base64'"
          : typeof prefix !== 'string'
            ? '`prefix` as a string'
            : '';
  if (problem) throw new KlerConfigurationError(`The body-hmac scheme needs ${problem}.`);
  return { header: header.toLowerCase(), algorithm, encoding, prefix: prefix.toLowerCase() };
}

/**
 * Verifies one delivery signed over its body alone. The delivery fields are derived, since
 * the scheme has no signed id or time:
 * - `webhook_id` is `hmac_` plus the first 32 hex digits of the verified HMAC. It is covered by
 *   the signature, so every retry of the same body has the same id (an unsigned id header
 *   could be changed by whoever replays the request).
 * - `timestamp` is the time of verification (`now`), not of sending.
 * @throws {KlerWebhookVerificationError}
 */
export function verifyBodyHmac(scheme: ResolvedBodyHmac, input: SchemeInput): WebhookDelivery | Promise<WebhookDelivery> {
  const { header, algorithm, encoding, prefix } = scheme;
  const values = input.headers.all(header).filter(Boolean);
  const name = `HMAC-${algorithm.toUpperCase()}`;
  if (values.length === 0) {
    throw new KlerWebhookVerificationError(
      'missing_header',
      `The webhook request lacks the "${header}" header that the body-hmac scheme reads.` +
        (input.headers.all('webhook-signature').length > 0
          ? ' It has "webhook-signature": it is signed with Standard Webhooks, so drop the `scheme` option.'
          : ''),
    );
  }
  // The signatures as lower-case hex, the form HMACs are compared in whatever the header's
  // encoding (it also gives `webhook_id`); a malformed one is dropped. Several (rotation,
  // duplicated headers) may be separated by commas or spaces, neither of which occurs in hex or
  // base64.
  const candidates = values
    .join(' ')
    .split(/[\s,]+/)
    .flatMap((token) => {
      if (token.slice(0, prefix.length).toLowerCase() !== prefix) return [];
      token = token.slice(prefix.length);
      if (encoding === 'hex') return /^([\da-f]{2})+$/i.test(token) ? [token.toLowerCase()] : [];
      const bytes = fromBase64(token);
      return bytes?.length ? [toHex(bytes)] : [];
    });
  if (candidates.length === 0) {
    const size = algorithm === 'sha256' ? 32 : 64;
    throw new KlerWebhookVerificationError(
      'invalid_header',
      `The "${header}" header is not an ${name} signature: expected ${prefix ? `"${prefix}" then ` : ''}${encoding === 'hex' ? `${size * 2} hex digits` : `base64 of ${size} bytes`}.`,
    );
  }
  return whenReady(findMatchingDigest(input.secrets, algorithm, [input.body], 'hex', candidates), (digest) => {
    if (digest !== undefined) return { webhook_id: `hmac_${digest.slice(0, 32)}`, timestamp: input.nowSeconds };
    throw signatureMismatch(header, '', input.secrets, `the sender uses another algorithm or encoding than ${name} in ${encoding}`);
  });
}
