/**
 * HMAC (RFC 2104) computed with two calls of node:crypto's one-shot `hash()`, for the small
 * messages webhooks are. `createHmac` builds a stream object and re-checks its key on every
 * call, which costs more than hashing a typical 400-byte delivery twice over; the HMAC
 * construction itself is two hashes:
 *
 *   HMAC(K, m) = H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ m)),  K' = K (or H(K) if longer than a block),
 *   zero-padded to the block size.
 *
 * The SHA itself stays OpenSSL's (constant-time); only the padding and concatenation are done
 * here. Each `OneShotHmac` checks itself against `createHmac` once before it is used, so a
 * runtime whose `hash()` differs (Bun, Deno, an older Node) silently keeps `createHmac`.
 */

/** The slice of node:crypto this needs, typed structurally. */
export interface HashHost {
  hash(algorithm: string, data: Uint8Array, outputEncoding: string): string;
  createHmac(algorithm: string, key: unknown): { update(data: string | Uint8Array): void; digest(encoding: string): string };
}

/** node:buffer's `Buffer`. */
export interface BufferHost {
  alloc(size: number): HostBuffer;
}

/** A Node `Buffer`: a `Uint8Array` that writes strings in a given encoding. */
export interface HostBuffer extends Uint8Array {
  write(text: string, offset: number, encoding: 'utf8' | 'latin1'): number;
}

/**
 * The most bytes a message may take at worst (3 per UTF-16 code unit of its text): above it
 * (a text body of more than ~10,000 characters) `createHmac`'s fixed cost no longer matters,
 * and the scratch buffer stays small.
 */
export const MAX_MESSAGE_BOUND = 32 * 1024;

/**
 * Shared by every key: a padded key block, then the message (made once, ~33 kB). Its key block
 * and the message are zeroed after each use.
 */
let scratch: HostBuffer | undefined;

/** One key's padded blocks for one hash. */
export class OneShotHmac {
  readonly #crypto: HashHost;
  readonly #algorithm: 'sha256' | 'sha512';
  /** `K' ⊕ ipad`. */
  readonly #inner: HostBuffer;
  /** `K' ⊕ opad`, then room for the inner digest. */
  readonly #outer: HostBuffer;

  constructor(crypto: HashHost, buffer: BufferHost, algorithm: 'sha256' | 'sha512', key: Uint8Array) {
    this.#crypto = crypto;
    scratch ??= buffer.alloc(128 + MAX_MESSAGE_BOUND);
    this.#algorithm = algorithm;
    const block = algorithm === 'sha256' ? 64 : 128;
    this.#inner = buffer.alloc(block);
    // The digest is half a block long for both hashes.
    this.#outer = buffer.alloc(block * 1.5);
    if (key.length > block) this.#outer.write(crypto.hash(algorithm, key, 'latin1'), 0, 'latin1');
    else this.#outer.set(key);
    for (let i = 0; i < block; i++) {
      this.#inner[i] = this.#outer[i]! ^ 0x36;
      this.#outer[i]! ^= 0x5c;
    }
  }

  /**
   * Whether this computes what `createHmac` does on this runtime, for a message with multi-byte
   * and lone-surrogate text and bytes; any error (an encoding `hash()` lacks) counts as no.
   */
  agreesWith(nodeKey: unknown): boolean {
    try {
      const parts = ['é😀\ud800', new Uint8Array([255])];
      const hmac = this.#crypto.createHmac(this.#algorithm, nodeKey);
      for (const part of parts) hmac.update(part);
      return this.digest(parts, 'base64') === hmac.digest('base64');
    } catch {
      return false;
    }
  }

  /** The HMAC of `parts` (strings as UTF-8), encoded; `undefined` when too large (see `MAX_MESSAGE_BOUND`). */
  digest(parts: readonly (string | Uint8Array)[], encoding: 'base64' | 'hex'): string | undefined {
    const inner = this.#inner;
    const outer = this.#outer;
    const block = inner.length;
    // An upper bound: UTF-8 takes at most 3 bytes per UTF-16 code unit.
    let end = block;
    for (const part of parts) end += typeof part === 'string' ? 3 * part.length : part.length;
    if (end > block + MAX_MESSAGE_BOUND) return undefined;
    const buffer = scratch!;
    buffer.set(inner);
    end = block;
    for (const part of parts) {
      if (typeof part === 'string') end += buffer.write(part, end, 'utf8');
      else {
        buffer.set(part, end);
        end += part.length;
      }
    }
    const { hash } = this.#crypto;
    // The inner digest as latin1 text is its bytes, one per character: written back as bytes.
    outer.write(hash(this.#algorithm, buffer.subarray(0, end), 'latin1'), block, 'latin1');
    // Neither the key nor the body (a payer's name and account) stays behind in the buffer
    // every key shares: zeroing a typical delivery's bytes costs tens of nanoseconds.
    buffer.fill(0, 0, end);
    return hash(this.#algorithm, outer, encoding);
  }
}
