/**
 * The body-HMAC scheme, for deployments that sign only the raw body (HMAC-SHA256 or -SHA512,
 * hex or base64, in a header of their choosing — the way Providus signs its calls to Kler).
 * It proves who sent the body but carries no signed time, so it cannot stop replays: dedupe on
 * `data.id` (see `createMemoryDedupeStore`) is what makes a replay harmless.
 */
import { KlerConfigurationError, KlerWebhookVerificationError } from '../core/errors.js';
import { findMatchingDigest, whenReady, type HmacAlgorithm } from './crypto.js';
import { fromBase64, fromHex, toBase64, toHex } from './encoding.js';
import type { WebhookDelivery } from './events.js';
import type { SchemeInput } from './standard-webhooks.js';

/**
 * Selects the body-HMAC scheme and describes it.
 * @example
 * { type: 'body-hmac', header: 'x-kler-signature', algorithm: 'sha512', encoding: 'hex' }
 */
export interface BodyHmacScheme {
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
interface ResolvedBodyHmac {
  header: string;
  algorithm: HmacAlgorithm;
  encoding: 'hex' | 'base64';
  prefix: string;
}

/** Fills in defaults and rejects a scheme that could never verify anything. */
export function resolveBodyHmac(scheme: BodyHmacScheme): ResolvedBodyHmac {
  const { header, algorithm = 'sha256', encoding = 'hex', prefix = '' } = scheme;
  if (typeof header !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
    throw new KlerConfigurationError(`The body-hmac scheme needs \`header\`, the name of the signature header, got ${String(header)}.`);
  }
  if (algorithm !== 'sha256' && algorithm !== 'sha512') {
    throw new KlerConfigurationError(`The body-hmac \`algorithm\` must be 'sha256' or 'sha512', got ${String(algorithm)}.`);
  }
  if (encoding !== 'hex' && encoding !== 'base64') {
    throw new KlerConfigurationError(`The body-hmac \`encoding\` must be 'hex' or 'base64', got ${String(encoding)}.`);
  }
  if (typeof prefix !== 'string') {
    throw new KlerConfigurationError(`The body-hmac \`prefix\` must be a string, got ${typeof prefix}.`);
  }
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
export function verifyBodyHmac(scheme: BodyHmacScheme, input: SchemeInput): WebhookDelivery | Promise<WebhookDelivery> {
  const { header, algorithm, encoding, prefix } = resolveBodyHmac(scheme);
  const values = input.headers.all(header).filter((v) => v !== '');
  if (values.length === 0) {
    const standard = input.headers.all('webhook-signature').length > 0;
    throw new KlerWebhookVerificationError(
      'missing_header',
      `The webhook request lacks the "${header}" header that the body-hmac scheme reads.` +
        (standard ? ' It has "webhook-signature": it is signed with Standard Webhooks, so drop the `scheme` option.' : ''),
    );
  }
  const candidates = parseCandidates(values, encoding, prefix);
  if (candidates.length === 0) {
    const size = algorithm === 'sha256' ? 32 : 64;
    const shape = encoding === 'hex' ? `${size * 2} hex digits` : `base64 of ${size} bytes`;
    throw new KlerWebhookVerificationError(
      'invalid_header',
      `The "${header}" header is not an HMAC-${algorithm.toUpperCase()} signature: expected ${prefix ? `"${prefix}" then ` : ''}${shape}.`,
    );
  }
  return whenReady(findMatchingDigest(input.secrets, algorithm, [input.body], encoding, candidates), (digest) => {
    if (digest !== undefined) {
      const hex = encoding === 'hex' ? digest : toHex(fromBase64(digest)!);
      return { webhook_id: `hmac_${hex.slice(0, 32)}`, timestamp: input.nowSeconds };
    }
    const hints = input.secrets.flatMap((s) => (s.hint ? [s.hint] : []));
    throw new KlerWebhookVerificationError(
      'no_matching_signature',
      `The "${header}" signature does not match an HMAC-${algorithm.toUpperCase()} of this payload. Likely causes:\n` +
        [
          ...hints,
          'the secret is not the one the sender signs with',
          `the sender uses another algorithm or encoding than ${algorithm}/${encoding}`,
          'the payload is not the raw body exactly as received',
        ]
          .map((line) => `  - ${line}`)
          .join('\n'),
    );
  });
}

/**
 * The signatures in the header, in the canonical form node:crypto writes (lower-case hex,
 * padded standard base64); a malformed entry is dropped.
 */
function parseCandidates(values: string[], encoding: 'hex' | 'base64', prefix: string): string[] {
  const out: string[] = [];
  // Several signatures (rotation, duplicated headers) may be separated by commas or spaces,
  // neither of which occurs in hex or base64.
  for (let token of values.join(' ').split(/[\s,]+/)) {
    if (prefix) {
      if (token.slice(0, prefix.length).toLowerCase() !== prefix) continue;
      token = token.slice(prefix.length);
    }
    const bytes = encoding === 'hex' ? fromHex(token) : fromBase64(token);
    if (bytes && bytes.length > 0) out.push(encoding === 'hex' ? toHex(bytes) : toBase64(bytes));
  }
  return out;
}
