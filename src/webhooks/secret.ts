/**
 * Webhook signing secrets: `whsec_<base64>` (the Standard Webhooks form) is base64-decoded,
 * anything else is used as its UTF-8 bytes. Each secret is parsed once and cached with its HMAC
 * key, so a hot webhook endpoint does no decoding or key import per delivery.
 */
import { KlerConfigurationError } from '../core/errors.js';
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

const PREFIX = 'whsec_';
const MAX_CACHED = 64;
/** Per secret string: its parsed form, alone in an array, so the common one-secret call allocates nothing. */
const cache = new Map<string, readonly [ParsedSecret]>();

/**
 * Parses `secret` (one or several) into keys, from the cache when seen before.
 * @throws {KlerConfigurationError} when no secret is given, or a `whsec_` secret is not base64.
 */
export function parseSecrets(secret: unknown): readonly ParsedSecret[] {
  if (typeof secret === 'string') return parseSecret(secret);
  if (Array.isArray(secret) && secret.length > 0) return secret.map((s: unknown) => parseSecret(s)[0]);
  throw new KlerConfigurationError(
    `No webhook secret: pass \`secret\` (your endpoint's signing secret, usually "whsec_…", or an array of them while rotating). Got ${describe(secret)}.`,
  );
}

function parseSecret(secret: unknown): readonly [ParsedSecret] {
  if (typeof secret !== 'string' || secret === '') {
    throw new KlerConfigurationError(`Each webhook secret must be a non-empty string, got ${describe(secret)}.`);
  }
  const cached = cache.get(secret);
  if (cached) return cached;
  const parsed = [{ key: new HmacKey(secretBytes(secret)), hint: hintFor(secret) }] as const;
  // A small bound: real apps have one to three secrets; this only stops unbounded growth when
  // secrets come from somewhere dynamic.
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(secret, parsed);
  return parsed;
}

function secretBytes(secret: string): Uint8Array {
  if (!secret.startsWith(PREFIX)) return utf8(secret);
  const encoded = secret.slice(PREFIX.length);
  const bytes = fromBase64(encoded);
  if (!bytes || bytes.length === 0) {
    const whitespace = /\s/.test(encoded)
      ? ' It contains whitespace (a trailing newline from a .env file or `echo` is common): remove it.'
      : '';
    throw new KlerConfigurationError(
      `The webhook secret starts with "whsec_" but the rest is not base64, so it cannot be the signing secret.${whitespace} Copy the whole secret again from where your webhook endpoint was set up.`,
    );
  }
  return bytes;
}

/** Names a likely mistake in `secret` without revealing it: only well-known prefixes are quoted. */
function hintFor(secret: string): string | undefined {
  if (secret.trim() !== secret) {
    return 'the secret has leading or trailing whitespace (a newline from a .env file or `echo` is common); secrets are used byte for byte, so remove it';
  }
  const prefix = /^(whsec[^_]|WHSEC_|Whsec_)/.exec(secret)?.[0];
  if (prefix) {
    return `the secret starts with "${prefix}", not "whsec_", so it was used as plain text instead of being base64-decoded; check the prefix`;
  }
  const apiKey = /^(sk|pk|rk|kler|key)_/i.exec(secret)?.[0];
  if (apiKey) {
    return `the secret starts with "${apiKey}", which looks like an API key, not a webhook signing secret`;
  }
  if (secret.length >= 24 && /^[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
    return 'the secret looks like base64 without the "whsec_" prefix, so it was used as plain text; if it is the part after "whsec_", keep the prefix';
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value === '') return 'an empty string';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  return typeof value;
}
