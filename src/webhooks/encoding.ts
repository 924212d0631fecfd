/**
 * Byte encodings the webhook schemes need (UTF-8, base64, hex), written without `Buffer` so the
 * same code runs on Node, Bun, Deno and edge runtimes, and without `atob`, whose whitespace and
 * alphabet rules differ from what a signature or secret may contain.
 */

const encoder = new TextEncoder();
// `fatal`: a body that is not valid UTF-8 must fail as `invalid_payload`, not parse as U+FFFD.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The UTF-8 bytes of `text`. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** The text of UTF-8 `bytes`; throws a `TypeError` on invalid UTF-8. */
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with `=` padding) of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

/**
 * The bytes of base64 `text` (standard or URL-safe alphabet, padding optional), or `undefined`
 * when it is not base64. Whitespace is not accepted: callers decide about that.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  const data = text.replace(/={1,2}$/, '');
  if (data.length % 4 === 1 || !/^[\w+/-]*$/.test(data)) return undefined;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of data) {
    // Only the low bits of `buffer` are read, so its overflow on the left does not matter.
    buffer = (buffer << 6) | ALPHABET.indexOf(char === '-' ? '+' : char === '_' ? '/' : char);
    bits += 6;
    if (bits >= 8) out.push((buffer >> (bits -= 8)) & 255);
  }
  return new Uint8Array(out);
}

/** Lower-case hex of `bytes`. */
export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
