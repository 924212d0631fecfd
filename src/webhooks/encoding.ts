/**
 * Byte encodings the webhook schemes need (UTF-8, base64, hex), written without `Buffer` so the
 * same code runs on Node, Bun, Deno and edge runtimes. Base64 goes through `btoa`/`atob`, which
 * every one of them has; input is checked first, since `atob` skips whitespace and rejects the
 * URL-safe alphabet, neither of which suits a signature or secret.
 */

const encoder = new TextEncoder();
// `fatal`: a body that is not valid UTF-8 must fail as `invalid_payload`, not parse as U+FFFD.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The UTF-8 bytes of `text`. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** The text of UTF-8 `bytes`; throws a `TypeError` on invalid UTF-8. */
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

/** Standard base64 (with `=` padding) of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The bytes of base64 `text` (standard or URL-safe alphabet, padding optional), or `undefined`
 * when it is not base64. Whitespace is not accepted: callers decide about that.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  const data = text.replace(/={1,2}$/, '');
  if (data.length % 4 === 1 || !/^[\w+/-]*$/.test(data)) return undefined;
  return Uint8Array.from(atob(data.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
}

/** Lower-case hex of `bytes`. */
export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
