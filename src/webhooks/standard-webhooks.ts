/**
 * The Standard Webhooks scheme (standardwebhooks.com), the SDK's default: headers `webhook-id`,
 * `webhook-timestamp` (unix seconds) and `webhook-signature`, a space-separated list of
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. The timestamp is inside the signed content,
 * which is what makes the replay window trustworthy.
 */
import { KlerWebhookVerificationError } from '../core/errors.js';
import { findMatchingDigest, whenReady } from './crypto.js';
import type { WebhookDelivery } from './events.js';
import type { HeaderReader } from './headers.js';
import { signatureMismatch, type ParsedSecret } from './secret.js';
import { describeSeconds, isoOf } from './time.js';

/** Selects the Standard Webhooks scheme (the default). */
export interface StandardWebhooksScheme {
  /** Selects this scheme. */
  type: 'standard-webhooks';
}

/** The header names of the scheme. */
export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';

/** What a scheme needs to check one delivery. */
export interface SchemeInput {
  body: string | Uint8Array;
  headers: HeaderReader;
  secrets: readonly ParsedSecret[];
  nowSeconds: number;
  toleranceSeconds: number;
}

/**
 * The signed content, as parts that HMAC consumes one after the other: neither a text nor a
 * byte body is copied into a joined string or buffer first.
 */
export function signedContent(id: string, timestamp: string | number, body: string | Uint8Array): (string | Uint8Array)[] {
  return [`${id}.${timestamp}.`, body];
}

/**
 * Verifies one delivery: signature first, so that a timestamp error is only ever reported for
 * a genuine delivery (and then means a replay or a wrong clock, not a forgery). Synchronous
 * where the HMAC is (node:crypto).
 * @throws {KlerWebhookVerificationError}
 */
export function verifyStandardWebhook(input: SchemeInput): WebhookDelivery | Promise<WebhookDelivery> {
  const { headers, secrets, nowSeconds: now, toleranceSeconds: tolerance } = input;
  const id = single(headers, WEBHOOK_ID);
  const rawTimestamp = single(headers, WEBHOOK_TIMESTAMP);
  const signatures = read(headers, WEBHOOK_SIGNATURE);
  if (!id || !rawTimestamp || !signatures[0]) throw missingHeaders([id, rawTimestamp, signatures[0]], headers);
  const timestamp = parseTimestamp(rawTimestamp);
  const candidates = parseSignatures(signatures);
  // The header's own digits are signed (leading zeros and all), not the number re-printed.
  const content = signedContent(id, rawTimestamp, input.body);
  return whenReady(findMatchingDigest(secrets, 'sha256', content, 'base64', candidates), (digest) => {
    if (digest === undefined) {
      const wellFormed = candidates.some((c) => /^[\w+/-]{43}=$/.test(c));
      throw signatureMismatch(
        WEBHOOK_SIGNATURE,
        wellFormed ? '' : ' (no v1 entry is the 44-character base64 of an HMAC-SHA256)',
        secrets,
      );
    }
    const age = now - timestamp;
    if (Math.abs(age) > tolerance) {
      const old = age > 0;
      throw new KlerWebhookVerificationError(
        old ? 'timestamp_too_old' : 'timestamp_too_new',
        `The delivery is signed, but its ${WEBHOOK_TIMESTAMP} (${isoOf(timestamp)}) is ${describeSeconds(age)} ${old ? 'older than' : 'ahead of'} this server's clock (${isoOf(now)}), beyond the tolerance of ${tolerance} s. ` +
          (old
            ? "A replay of an old delivery, or this server's clock runs ahead (check NTP)."
            : "This server's clock is behind (check NTP), or the sender's is ahead."),
      );
    }
    return { webhook_id: id, timestamp };
  });
}

/**
 * The non-empty values of `name`, or of its Svix-branded twin (`svix-id`, …): Svix, the
 * scheme's main implementation, sends the same scheme under those names.
 */
function read(headers: HeaderReader, name: string): string[] {
  let values = headers.all(name);
  if (values.length === 0) values = headers.all(name.replace('webhook', 'svix'));
  return values.length === 1 && values[0] ? values : values.filter(Boolean);
}

/**
 * The one value of a header; several copies are fine only when they agree. `Headers#get` and
 * Node join a duplicated header as "a, a": identical parts are one value, differing parts stay
 * joined (the value may contain a comma) and then fail to verify.
 */
function single(headers: HeaderReader, name: string): string | undefined {
  const found = read(headers, name);
  // The common case, one plain value, allocates nothing more.
  if (found.length === 1 && !found[0]!.includes(',')) return found[0];
  const values = found.map(unjoin);
  if (values.length > 1 && values.some((value) => value !== values[0])) {
    throw new KlerWebhookVerificationError(
      'invalid_header',
      `The ${name} header came ${values.length} times with different values (a proxy duplicating headers?).`,
    );
  }
  return values[0];
}

function unjoin(value: string): string {
  if (!value.includes(',')) return value;
  const parts = value.split(',').map((part) => part.trim());
  return parts.every((part) => part === parts[0]) ? parts[0]! : value;
}

/** The error for absent headers, given the values found for id, timestamp and signature. */
function missingHeaders(found: (string | undefined)[], headers: HeaderReader): KlerWebhookVerificationError {
  const missing = [WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE].filter((_, i) => !found[i]).map((name) => `"${name}"`);
  const names = headers.names();
  const others = names.filter((n) => /sign|hmac|digest/.test(n) && !/^(webhook|svix)-signature$/.test(n));
  return new KlerWebhookVerificationError(
    'missing_header',
    `The webhook request lacks the Standard Webhooks header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
      (others[0]
        ? `The request has "${others.join('", "')}": if the sender signs only the body in that header, verify with \`scheme: { type: 'body-hmac', header: '${others[0]}' }\`.`
        : names.length === 0
          ? 'No headers were passed: pass the request\'s headers.'
          : 'If Kler sent it unsigned, use parseWebhookEventUnverified() and kler.webhooks.confirm(event) instead.'),
  );
}

function parseTimestamp(value: string): number {
  if (/^\d{1,12}$/.test(value)) return Number(value);
  throw new KlerWebhookVerificationError(
    'invalid_header',
    `The ${WEBHOOK_TIMESTAMP} header must be whole unix seconds, such as "1754073120", got ${quote(value)}.` +
      (/^\d{13}$/.test(value)
        ? ' It looks like milliseconds; the scheme uses seconds.'
        : /^\d{4}-\d\d-\d\d/.test(value)
          ? ' It looks like a date; the scheme uses unix seconds.'
          : ''),
  );
}

/**
 * The `v1` signatures, as sent (standard base64, as Standard Webhooks writes them); fails on a
 * header with no well-formed entry at all.
 */
function parseSignatures(values: string[]): string[] {
  const v1: string[] = [];
  const others: string[] = [];
  const tokens = values.length === 1 && !/\s/.test(values[0]!) ? values : values.join(' ').split(/\s+/);
  for (let token of tokens) {
    // `Headers#get` joins duplicate headers with ", ": the comma ends up on the token before.
    if (token.endsWith(',')) token = token.slice(0, -1);
    const comma = token.indexOf(',');
    if (comma <= 0) continue;
    if (token.startsWith('v1,')) v1.push(token.slice(3));
    else others.push(token.slice(0, comma));
  }
  if (v1.length === 0) {
    throw new KlerWebhookVerificationError(
      others.length > 0 ? 'no_matching_signature' : 'invalid_header',
      others.length > 0
        ? `The ${WEBHOOK_SIGNATURE} header has no v1 signature (it has "${[...new Set(others)].join('", "')}"). Only v1 (HMAC-SHA256) is verified.`
        : `The ${WEBHOOK_SIGNATURE} header must be a space-separated list of "v1,<base64 signature>", got ${quote(values.join(' '))}.`,
    );
  }
  return v1;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
