/**
 * HMAC for the webhook schemes: node:crypto when the runtime has it (synchronous and several
 * times faster), Web Crypto everywhere else. node:crypto is reached through
 * `process.getBuiltinModule`, never a static import, so bundlers for edge runtimes see no
 * `node:` specifier and the module still loads where `process` does not exist.
 */
import { toBase64, toHex, utf8 } from './encoding.js';

/** The hash functions the schemes use. */
export type HmacAlgorithm = 'sha256' | 'sha512';

/** The slice of node:crypto used here, typed structurally so no Node types leak out. */
interface NodeCrypto {
  createHmac(algorithm: string, key: unknown): NodeHmac;
  createSecretKey(key: Uint8Array): unknown;
}
interface NodeHmac {
  update(data: string | Uint8Array): NodeHmac;
  digest(encoding: 'base64' | 'hex'): string;
}

type Backend = 'auto' | 'web';
let backend: Backend = 'auto';
let nodeCrypto: NodeCrypto | null | undefined;

function loadNodeCrypto(): NodeCrypto | null {
  if (backend === 'web') return null;
  if (nodeCrypto !== undefined) return nodeCrypto;
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    nodeCrypto = (proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null;
  } catch {
    // Some sandboxes define `process` but forbid builtins; Web Crypto still works there.
    nodeCrypto = null;
  }
  return nodeCrypto;
}

/**
 * Forces Web Crypto even where node:crypto exists, so tests cover both paths on Node.
 * Internal: not exported from `@kler/sdk/webhooks`.
 */
export function useWebCryptoOnly(on: boolean): void {
  backend = on ? 'web' : 'auto';
}

const WEB_HASH: Record<HmacAlgorithm, string> = { sha256: 'SHA-256', sha512: 'SHA-512' };

/** How a digest is written: the schemes compare signatures in the form the header carries. */
export type DigestEncoding = 'base64' | 'hex';

/**
 * An HMAC key made once per secret: it keeps the node:crypto `KeyObject` or the Web Crypto
 * `CryptoKey` per hash, so verifying a delivery never re-decodes or re-imports the secret.
 */
export class HmacKey {
  readonly #bytes: Uint8Array;
  #nodeKey: unknown;
  readonly #webKeys = new Map<HmacAlgorithm, Promise<CryptoKey>>();

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /**
   * HMAC of the concatenated `parts` (strings as UTF-8), encoded. Synchronous on runtimes with
   * node:crypto, a promise elsewhere: callers wait only when they must. Encoded digests are
   * compared as strings because node:crypto writes base64 or hex faster than it allocates the
   * bytes.
   */
  sign(algorithm: HmacAlgorithm, parts: readonly (string | Uint8Array)[], encoding: DigestEncoding): string | Promise<string> {
    const node = loadNodeCrypto();
    if (node) {
      // A KeyObject, not the raw bytes: node:crypto re-imports raw key bytes on every call.
      this.#nodeKey ??= node.createSecretKey(this.#bytes);
      const hmac = node.createHmac(algorithm, this.#nodeKey);
      for (const part of parts) hmac.update(part);
      return hmac.digest(encoding);
    }
    return this.#signWeb(algorithm, parts).then((bytes) => (encoding === 'hex' ? toHex(bytes) : toBase64(bytes)));
  }

  async #signWeb(algorithm: HmacAlgorithm, parts: readonly (string | Uint8Array)[]): Promise<Uint8Array> {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) {
      throw new Error('@kler/sdk/webhooks needs Web Crypto (crypto.subtle) or node:crypto; this runtime has neither.');
    }
    let key = this.#webKeys.get(algorithm);
    if (!key) {
      key = subtle.importKey('raw', this.#bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: WEB_HASH[algorithm] }, false, [
        'sign',
      ]);
      this.#webKeys.set(algorithm, key);
    }
    const data = concat(parts);
    return new Uint8Array(await subtle.sign('HMAC', await key, data as Uint8Array<ArrayBuffer>));
  }

  /** Keeps the key material out of logs. */
  toJSON(): string {
    return '[HmacKey]';
  }
}

function concat(parts: readonly (string | Uint8Array)[]): Uint8Array {
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0]!;
  const chunks = parts.map((part) => (typeof part === 'string' ? utf8(part) : part));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** `fn(value)`, at once when `value` is ready, after it resolves when it is a promise. */
export function whenReady<T, R>(value: T | Promise<T>, fn: (ready: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/**
 * The encoded HMAC of `parts` under the first key whose HMAC equals one of `candidates` (in the
 * same encoding), or `undefined`. Synchronous on node:crypto, so the hot path allocates no
 * promise; it stops at the first matching key.
 */
export function findMatchingDigest(
  keys: readonly { readonly key: HmacKey }[],
  algorithm: HmacAlgorithm,
  parts: readonly (string | Uint8Array)[],
  encoding: DigestEncoding,
  candidates: readonly string[],
): string | undefined | Promise<string | undefined> {
  for (let i = 0; i < keys.length; i++) {
    const digest = keys[i]!.key.sign(algorithm, parts, encoding);
    if (typeof digest !== 'string') {
      const rest = keys.slice(i).map((k) => k.key);
      return findAsync(rest, digest, (key) => key.sign(algorithm, parts, encoding), candidates);
    }
    if (matchesAny(candidates, digest)) return digest;
  }
  return undefined;
}

async function findAsync(
  keys: readonly HmacKey[],
  first: Promise<string>,
  sign: (key: HmacKey) => string | Promise<string>,
  candidates: readonly string[],
): Promise<string | undefined> {
  for (let i = 0; i < keys.length; i++) {
    const digest = await (i === 0 ? first : sign(keys[i]!));
    if (matchesAny(candidates, digest)) return digest;
  }
  return undefined;
}

function matchesAny(candidates: readonly string[], digest: string): boolean {
  let found = false;
  // Every candidate is compared, each in constant time.
  for (const candidate of candidates) found = timingSafeEqual(candidate, digest) || found;
  return found;
}

/**
 * Whether two encoded signatures are equal, in time that depends only on their length (public:
 * it is fixed by the digest size), so a forger learns nothing from how fast a guess fails.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
