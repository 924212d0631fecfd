/**
 * What every shared store needs: lease tokens, checks of the numbers callers pass (a `NaN`
 * lease would silently never expire), and the refusal of Workers KV.
 */
import { KlerConfigurationError } from '../../core/errors.js';

/** A fresh lease token: 128 random bits as hex, from Web Crypto (present on every runtime). */
export function newLeaseToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Throws unless `value` is a whole number of milliseconds, at least `min`. */
export function checkMs(store: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new KlerConfigurationError(
      `${store}: ${name} must be a whole number of milliseconds >= ${min}, got ${String(value)}.`,
    );
  }
  return value;
}

/** `retainMs` of `complete`/`enqueue`: `null` (forever) or a whole number of milliseconds. */
export function checkRetain(store: string, value: unknown): number | null {
  return value === null ? null : checkMs(store, 'retainMs', value);
}

/** `limit` of `lease`/`deadLetters`: a whole number from 1 to 1000. */
export function checkLimit(store: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 1000) {
    throw new KlerConfigurationError(`${store}: limit must be a whole number from 1 to 1000, got ${String(value)}.`);
  }
  return value;
}

/** Throws unless `key` is a non-empty string (an empty key would merge unrelated work). */
export function checkKey(store: string, key: unknown): string {
  if (typeof key !== 'string' || key === '') {
    throw new KlerConfigurationError(`${store}: the key must be a non-empty string, got ${JSON.stringify(key)}.`);
  }
  return key;
}

const has = (value: object, method: string) => typeof (value as Record<string, unknown>)[method] === 'function';

/**
 * Refuses a Workers KV namespace passed where an atomic client is expected. KV offers no
 * compare-and-set: a claim is a `get` then a `put`, and every concurrent caller reads "absent"
 * before any write lands (in miniflare, 20 concurrent claims of one key all won), so every
 * redelivery would issue another ticket.
 */
export function refuseWorkersKv(factory: string, value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (!['get', 'put', 'delete', 'list', 'getWithMetadata'].every((m) => has(value, m))) return;
  throw new KlerConfigurationError(
    `${factory} was given a Workers KV namespace. KV is not atomic: a claim there is a read then a ` +
      'write, and concurrent deliveries all read "absent" before any write lands (20 concurrent ' +
      'claims of one key in miniflare: 20 winners), so duplicates would each issue a ticket. Use a ' +
      'Durable Object (export KlerWebhookStoreObject, bind it, and pass the namespace to ' +
      'createDurableObjectWebhookStore) or D1 (createD1WebhookStore(env.DB)) instead.',
  );
}
