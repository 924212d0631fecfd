/**
 * The Standard Webhooks scheme (standardwebhooks.com), the SDK's default: headers `webhook-id`,
 * `webhook-timestamp` (unix seconds) and `webhook-signature`, a space-separated list of
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. The timestamp is inside the signed content,
 * which is what makes the replay window trustworthy.
 */
import { KlerWebhookVerificationError } from '../core/errors.js';
import { findMatchingDigest, whenReady } from './crypto.js';
import { fromBase64 } from './encoding.js';
import type { WebhookDelivery } from './events.js';
import type { HeaderReader } from './headers.js';
import type { ParsedSecret } from './secret.js';
import { describeSeconds, isoOf } from './time.js';

/** Selects the Standard Webhooks scheme (the default). */
export interface StandardWebhooksScheme {
  type: 'standard-webhooks';
}

/** The header names of the scheme. */
export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';

/** What the scheme needs to check one delivery. */
export interface SchemeInput {
  body: string | Uint8Array;
  headers: HeaderReader;
  secrets: readonly ParsedSecret[];
  nowSeconds: number;
  toleranceSeconds: number;
}

const DIGEST_BYTES = 32;

/** The signed content, as parts that HMAC consumes without copying the body. */
export function signedContent(id: string, timestamp: string | number, body: string | Uint8Array): [string, string | Uint8Array] {
  return [`${id}.${timestamp}.`, body];
}

/**
 * Verifies one delivery: signature first, so that a timestamp error is only ever reported for
 * a genuine delivery (and then means a replay or a wrong clock, not a forgery). Synchronous
 * where the HMAC is (node:crypto).
 * @throws {KlerWebhookVerificationError}
 */
export function verifyStandardWebhook(input: SchemeInput): WebhookDelivery | Promise<WebhookDelivery> {
  const { headers, secrets } = input;
  const id = single(headers, WEBHOOK_ID);
  const rawTimestamp = single(headers, WEBHOOK_TIMESTAMP);
  const signatureValues = nonEmpty(read(headers, WEBHOOK_SIGNATURE));
  if (id === undefined || rawTimestamp === undefined || signatureValues.length === 0) {
    const missing = [
      id === undefined && WEBHOOK_ID,
      rawTimestamp === undefined && WEBHOOK_TIMESTAMP,
      signatureValues.length === 0 && WEBHOOK_SIGNATURE,
    ].filter((name): name is string => Boolean(name));
    throw missingHeaders(missing, headers);
  }
  const timestamp = parseTimestamp(rawTimestamp);
  const candidates = parseSignatures(signatureValues);
  // The header's own digits are signed (leading zeros and all), not the number re-printed.
  const content = signedContent(id, rawTimestamp, input.body);
  return whenReady(findMatchingDigest(secrets, 'sha256', content, 'base64', candidates), (digest) => {
    if (digest === undefined) throw noMatch(secrets, candidates);
    checkTimestamp(timestamp, input.nowSeconds, input.toleranceSeconds);
    return { webhook_id: id, timestamp };
  });
}

/** The one value of a header; several copies are fine only when they agree. */
function single(headers: HeaderReader, name: string): string | undefined {
  const all = read(headers, name);
  if (all.length === 1) return all[0] === '' ? undefined : unjoin(all[0]!);
  const values = nonEmpty(all).map(unjoin);
  const first = values[0];
  if (values.some((v) => v !== first)) {
    throw new KlerWebhookVerificationError(
      'invalid_header',
      `The ${name} header was sent ${values.length} times with different values; a delivery has exactly one. A proxy may be duplicating headers.`,
    );
  }
  return first;
}

/**
 * The values of `name`, or of its Svix-branded twin (`svix-id`, …): Svix, the scheme's main
 * implementation, sends the same scheme under those names.
 */
function read(headers: HeaderReader, name: string): string[] {
  const values = headers.all(name);
  return values.length > 0 ? values : headers.all(name.replace('webhook-', 'svix-'));
}

function nonEmpty(values: string[]): string[] {
  return values.length === 1 && values[0] !== '' ? values : values.filter((v) => v !== '');
}

/**
 * `Headers#get` and Node join a duplicated header as "a, a". Identical parts are one value;
 * differing parts stay joined (the value may contain a comma) and then fail to verify.
 */
function unjoin(value: string): string {
  if (!value.includes(',')) return value;
  const parts = value.split(',').map((p) => p.trim());
  return parts.every((p) => p === parts[0]) ? parts[0]! : value;
}

function missingHeaders(missing: string[], headers: HeaderReader): KlerWebhookVerificationError {
  const list = missing.map((m) => `"${m}"`).join(', ');
  const others = headers.names().filter((n) => /sign|hmac|digest/.test(n) && n !== WEBHOOK_SIGNATURE && n !== 'svix-signature');
  const hint =
    others.length > 0
      ? ` The request has ${others.map((n) => `"${n}"`).join(', ')}: if the sender signs only the body in that header, verify with \`scheme: { type: 'body-hmac', header: '${others[0]}' }\`.`
      : headers.names().length === 0
        ? ' No headers were passed at all: pass the request headers as `headers` (Headers, req.headers or a plain object).'
        : ' Was this request sent by Kler? Unsigned deliveries cannot be verified: use parseWebhookEventUnverified() and kler.webhooks.confirm(event) instead.';
  return new KlerWebhookVerificationError(
    'missing_header',
    `The webhook request lacks the Standard Webhooks header${missing.length > 1 ? 's' : ''} ${list}.${hint}`,
  );
}

function parseTimestamp(value: string): number {
  if (/^\d{1,12}$/.test(value)) return Number(value);
  const hint = /^\d{13}$/.test(value)
    ? ' It looks like milliseconds; the scheme uses seconds.'
    : /^\d{4}-\d\d-\d\d/.test(value)
      ? ' It looks like a date; the scheme uses unix seconds.'
      : '';
  throw new KlerWebhookVerificationError(
    'invalid_header',
    `The ${WEBHOOK_TIMESTAMP} header must be whole unix seconds, such as "1754073120", got ${quote(value)}.${hint}`,
  );
}

/**
 * The `v1` signatures, as sent (standard base64, as Standard Webhooks writes them); fails on a
 * header with no well-formed entry at all.
 */
function parseSignatures(values: string[]): string[] {
  const v1: string[] = [];
  const versions: string[] = [];
  const tokens = values.length === 1 && !/\s/.test(values[0]!) ? values : values.join(' ').split(/\s+/);
  for (let token of tokens) {
    // `Headers#get` joins duplicate headers with ", ": the comma ends up on the token before.
    if (token.endsWith(',')) token = token.slice(0, -1);
    const comma = token.indexOf(',');
    if (comma <= 0) continue;
    const version = token.slice(0, comma);
    if (!versions.includes(version)) versions.push(version);
    if (version === 'v1') v1.push(token.slice(comma + 1));
  }
  if (versions.length === 0) {
    throw new KlerWebhookVerificationError(
      'invalid_header',
      `The ${WEBHOOK_SIGNATURE} header must be a space-separated list of "v1,<base64 signature>", got ${quote(values.join(' '))}.`,
    );
  }
  if (v1.length === 0) {
    throw new KlerWebhookVerificationError(
      'no_matching_signature',
      `The ${WEBHOOK_SIGNATURE} header has no v1 signature (it has ${versions.map((v) => `"${v}"`).join(', ')}). This SDK verifies v1 (HMAC-SHA256) signatures.`,
    );
  }
  return v1;
}

function checkTimestamp(timestamp: number, now: number, tolerance: number): void {
  const age = now - timestamp;
  if (age > tolerance) {
    throw new KlerWebhookVerificationError(
      'timestamp_too_old',
      `The delivery is signed, but its ${WEBHOOK_TIMESTAMP} (${isoOf(timestamp)}) is ${describeSeconds(age)} older than this server's clock (${isoOf(now)}), beyond the tolerance of ${tolerance} s. ` +
        'Either it is a replay of an old delivery, or this server\'s clock runs ahead (check NTP). Rejecting it is what stops replays; raise `toleranceSeconds` only if your deliveries are queued for longer.',
    );
  }
  if (-age > tolerance) {
    throw new KlerWebhookVerificationError(
      'timestamp_too_new',
      `The delivery is signed, but its ${WEBHOOK_TIMESTAMP} (${isoOf(timestamp)}) is ${describeSeconds(-age)} ahead of this server's clock (${isoOf(now)}), beyond the tolerance of ${tolerance} s. ` +
        "This server's clock is probably behind (check NTP), or the sender's is ahead.",
    );
  }
}

function noMatch(secrets: readonly ParsedSecret[], candidates: readonly string[]): KlerWebhookVerificationError {
  const checks = [
    secrets.length > 1
      ? `none of the ${secrets.length} secrets is this endpoint's signing secret`
      : 'the secret is not this endpoint\'s signing secret (a different endpoint or environment?)',
    'the payload is not the raw body exactly as received (a body parsed as JSON and serialised again, a trimmed newline or a charset conversion all change the bytes)',
  ];
  const hints = secrets.flatMap((s, i) => (s.hint ? [`secret${secrets.length > 1 ? ` #${i + 1}` : ''}: ${s.hint}`] : []));
  const wellFormed = candidates.some((c) => fromBase64(c)?.length === DIGEST_BYTES && c.length === 44);
  const malformed = wellFormed ? '' : ' (no v1 entry is the 44-character base64 of an HMAC-SHA256)';
  return new KlerWebhookVerificationError(
    'no_matching_signature',
    `No signature in the ${WEBHOOK_SIGNATURE} header matches this payload${malformed}. Likely causes:\n` +
      [...hints, ...checks].map((line) => `  - ${line}`).join('\n'),
  );
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
