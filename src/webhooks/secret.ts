/**
 * Webhook signing secrets: `whsec_<base64>` (the Standard Webhooks form) is base64-decoded,
 * anything else is used as its UTF-8 bytes. Each secret is parsed once and cached with its HMAC
 * key, so a hot webhook endpoint does no decoding or key import per delivery.
 */
import { KlerConfigurationError, KlerWebhookVerificationError } from '../core/errors.js';
import { HmacKey } from './crypto.js';
import { fromBase64, utf8 } from './encoding.js';

/** One secret, or several while rotating (a delivery signed with any of them verifies). */
export type WebhookSecret = string | readonly string[];

/** A parsed secret: its key, plus a hint to show if nothing verifies (never the secret itself). */
export interface ParsedSecret {
  readonly key: HmacKey;
  /** Why this secret may be the wrong one, e.g. surrounding whitespace; shown only on failure. */
  readonly hint: string | undefined;
}

/** Per secret string: its parsed form, alone in an array, so the common one-secret call allocates nothing. */
const cache = new Map<string, readonly [ParsedSecret]>();

/**
 * Parses `secret` (one or several) into keys, from the cache when seen before.
 * @throws {KlerConfigurationError} when no secret is given, or a `whsec_` secret is not base64.
 */
export function parseSecrets(secret: unknown): readonly ParsedSecret[] {
  if (typeof secret === 'string' && secret !== '') return parseSecret(secret);
  if (Array.isArray(secret) && secret.length > 0 && secret.every((s) => typeof s === 'string' && s !== '')) {
    return secret.map((s: string) => parseSecret(s)[0]);
  }
  // Described by type only: a secret, even a malformed one, never goes into a message.
  const got = Array.isArray(secret)
    ? `an array${secret.length > 0 ? ' with an empty or non-string entry' : ''}`
    : secret === '' ? 'an empty string' : secret === null ? 'null' : typeof secret;
  throw new KlerConfigurationError(
    `No usable webhook secret: pass \`secret\`, your endpoint's signing secret (usually "whsec_…"), or an array while rotating. Got ${got}.`,
  );
}

function parseSecret(secret: string): readonly [ParsedSecret] {
  let parsed = cache.get(secret);
  if (!parsed) {
    parsed = [{ key: new HmacKey(secretBytes(secret)), hint: hintFor(secret) }];
    // A small bound: real apps have one to three secrets; this only stops unbounded growth when
    // secrets come from somewhere dynamic.
    if (cache.size >= 64) cache.delete(cache.keys().next().value!);
    cache.set(secret, parsed);
  }
  return parsed;
}

function secretBytes(secret: string): Uint8Array {
  if (!secret.startsWith('whsec_')) return utf8(secret);
  const bytes = fromBase64(secret.slice(6));
  if (!bytes?.length) {
    throw new KlerConfigurationError(
      'The webhook secret starts with "whsec_" but the rest is not base64' +
        (/\s/.test(secret) ? ': it contains whitespace (a trailing newline from a .env file?), remove it' : '') +
        ". Copy the whole secret again from your webhook endpoint's settings.",
    );
  }
  return bytes;
}

/** Names a likely mistake in `secret` without revealing it: only well-known prefixes are quoted. */
function hintFor(secret: string): string | undefined {
  // Only the prefix's own letters are quoted: the character after `whsec` may be the secret's.
  const wrongPrefix = /^(whsec(?!_)|WHSEC_|Whsec_)/.exec(secret)?.[0];
  const apiKey = /^(sk|pk|rk|kler|key)_/i.exec(secret)?.[0];
  return secret.trim() !== secret
    ? 'the secret has leading or trailing whitespace (a newline from a .env file?): remove it'
    : wrongPrefix
      ? `the secret starts with "${wrongPrefix}", not "whsec_", so it was used as plain text, not base64-decoded`
      : apiKey
        ? `the secret starts with "${apiKey}", which looks like an API key, not a webhook signing secret`
        : secret.length >= 24 && /^[A-Za-z0-9+/]+={0,2}$/.test(secret)
          ? 'the secret looks like base64 without the "whsec_" prefix, so it was used as plain text; keep the prefix'
          : undefined;
}

/**
 * The `no_matching_signature` error of either scheme: which header did not match (`note` says
 * more), then the likely causes, first whatever looks off about the secrets themselves.
 */
export function signatureMismatch(
  header: string,
  note: string,
  secrets: readonly ParsedSecret[],
  ...causes: string[]
): KlerWebhookVerificationError {
  const several = secrets.length > 1;
  const lines = [
    ...secrets.flatMap((s, i) => (s.hint ? [several ? `secret #${i + 1}: ${s.hint}` : s.hint] : [])),
    several
      ? `none of the ${secrets.length} secrets is the one the sender signs with`
      : 'the secret is not the one the sender signs with (another endpoint or environment?)',
    ...causes,
    'the payload is not the raw body exactly as received (re-serialised JSON or a trimmed newline changes the bytes)',
  ];
  return new KlerWebhookVerificationError(
    'no_matching_signature',
    `No signature in the "${header}" header matches this payload${note}. Likely causes:\n  - ${lines.join('\n  - ')}`,
  );
}
