/**
 * HMAC for the webhook schemes: node:crypto when the runtime has it (synchronous and several
 * times faster), Web Crypto everywhere else. node:crypto is reached through
 * `process.getBuiltinModule`, never a static import, so bundlers for edge runtimes see no
 * `node:` specifier and the module still loads where `process` does not exist.
 */
import { toBase64, toHex } from './encoding.js';
import { OneShotHmac, type BufferHost } from './one-shot-hmac.js';

/** The hash functions the schemes use. */
export type HmacAlgorithm = 'sha256' | 'sha512';

/** How a digest is written: the schemes compare signatures in the form the header carries. */
export type DigestEncoding = 'base64' | 'hex';

/** What is signed: strings (as UTF-8) and bytes, concatenated. */
type Parts = readonly (string | Uint8Array)[];

/** The slice of node:crypto used here, typed structurally so no Node types leak out. */
interface NodeCrypto {
  createSecretKey(key: Uint8Array): unknown;
  createHmac(algorithm: string, key: unknown): {
    update(data: string | Uint8Array): void;
    digest(encoding: DigestEncoding): string;
  };
  /** One-shot hashing (Node 21.7+); absent on some runtimes that emulate node:crypto. */
  hash?: (algorithm: string, data: Uint8Array, outputEncoding: string) => string;
}

type BuiltinLoader = (id: string) => unknown;

let webOnly = false;
let nodeCrypto: NodeCrypto | null | undefined;
let nodeBuffer: BufferHost | null | undefined;

/**
 * Forces Web Crypto even where node:crypto exists, so tests cover both paths on Node.
 * Internal: not exported from `@kler/sdk/webhooks`.
 */
export function useWebCryptoOnly(on: boolean): void {
  webOnly = on;
}

function builtin<T>(id: string): T | undefined {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: BuiltinLoader } }).process;
    return proc?.getBuiltinModule?.(id) as T | undefined;
  } catch {
    // Some sandboxes define `process` but forbid builtins; Web Crypto still works there.
    return undefined;
  }
}

function loadNodeCrypto(): NodeCrypto | null {
  if (nodeCrypto === undefined) nodeCrypto = builtin<NodeCrypto>('node:crypto') ?? null;
  return webOnly ? null : nodeCrypto;
}

/**
 * An HMAC key made once per secret: it keeps the node:crypto `KeyObject` and padded key blocks
 * (`OneShotHmac`), or the Web Crypto `CryptoKey`, per hash, so verifying a delivery never
 * re-decodes or re-imports the secret. The key material lives in private fields, which neither
 * `JSON.stringify` nor `util.inspect` shows.
 */
export class HmacKey {
  readonly #bytes: Uint8Array;
  #nodeKey: unknown;
  /** Per hash: the one-shot HMAC, or `null` where the runtime cannot do it (then `createHmac`). */
  readonly #oneShot: Partial<Record<HmacAlgorithm, OneShotHmac | null>> = {};
  readonly #webKeys: Partial<Record<HmacAlgorithm, Promise<CryptoKey>>> = {};

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /**
   * HMAC of `parts`, encoded. Synchronous on runtimes with node:crypto, a promise elsewhere:
   * callers wait only when they must. Digests are compared encoded, as strings, because
   * node:crypto writes base64 or hex faster than it allocates the bytes.
   */
  sign(algorithm: HmacAlgorithm, parts: Parts, encoding: DigestEncoding): string | Promise<string> {
    const node = loadNodeCrypto();
    if (!node) return this.#signWeb(algorithm, parts).then(encoding === 'hex' ? toHex : toBase64);
    // A KeyObject, not the raw bytes: node:crypto re-imports raw key bytes on every call.
    this.#nodeKey ??= node.createSecretKey(this.#bytes);
    // Two one-shot hashes where this runtime's node:crypto gives the same HMAC (one-shot-hmac.ts);
    // createHmac where it cannot, and for large messages.
    const oneShot = this.#oneShot[algorithm] !== undefined ? this.#oneShot[algorithm] : this.#makeOneShot(node, algorithm);
    const digest = oneShot?.digest(parts, encoding);
    if (digest !== undefined) return digest;
    const hmac = node.createHmac(algorithm, this.#nodeKey);
    for (const part of parts) hmac.update(part);
    return hmac.digest(encoding);
  }

  #makeOneShot(node: NodeCrypto, algorithm: HmacAlgorithm): OneShotHmac | null {
    nodeBuffer ??= builtin<{ Buffer?: BufferHost }>('node:buffer')?.Buffer ?? null;
    let oneShot = node.hash && nodeBuffer ? new OneShotHmac(node as Required<NodeCrypto>, nodeBuffer, algorithm, this.#bytes) : null;
    // Used only where it gives what createHmac does (a runtime emulating node:crypto may differ).
    if (oneShot && !oneShot.agreesWith(this.#nodeKey)) oneShot = null;
    this.#oneShot[algorithm] = oneShot;
    return oneShot;
  }

  async #signWeb(algorithm: HmacAlgorithm, parts: Parts): Promise<Uint8Array> {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) throw new Error('@kler/sdk/webhooks needs Web Crypto (crypto.subtle) or node:crypto; this runtime has neither.');
    const key = (this.#webKeys[algorithm] ??= subtle.importKey(
      'raw',
      this.#bytes as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: `SHA-${algorithm.slice(3)}` },
      false,
      ['sign'],
    ));
    // A Blob concatenates the parts, writing strings as UTF-8.
    const data = await new Blob(parts as BlobPart[]).arrayBuffer();
    return new Uint8Array(await subtle.sign('HMAC', await key, data));
  }
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
  parts: Parts,
  encoding: DigestEncoding,
  candidates: readonly string[],
  from = 0,
): string | undefined | Promise<string | undefined> {
  for (let i = from; i < keys.length; i++) {
    const digest = keys[i]!.key.sign(algorithm, parts, encoding);
    if (typeof digest !== 'string') {
      return digest.then((d) => (matchesAny(candidates, d) ? d : findMatchingDigest(keys, algorithm, parts, encoding, candidates, i + 1)));
    }
    if (matchesAny(candidates, digest)) return digest;
  }
  return undefined;
}

/**
 * Whether `digest` equals one of `candidates`. Every candidate is compared, each in time that
 * depends only on the lengths (public: fixed by the digest size), so a forger learns nothing
 * from how fast a guess fails.
 */
function matchesAny(candidates: readonly string[], digest: string): boolean {
  let found = false;
  for (const candidate of candidates) {
    let diff = candidate.length ^ digest.length;
    for (let i = 0; i < digest.length; i++) diff |= candidate.charCodeAt(i) ^ digest.charCodeAt(i);
    found = diff === 0 || found;
  }
  return found;
}
