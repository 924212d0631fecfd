/**
 * Keeps the API key out of errors built from what a server sent back: a proxy or a debugging
 * endpoint may echo the request's headers in its error page, and that text becomes an error's
 * `message` and `body`, which end up in logs.
 */

const REDACTED = '[redacted]';

/**
 * `text` with every occurrence of `secret` replaced by `[redacted]`. A "key" under 8 characters
 * (`k`, `test` against the mock) is no secret worth hiding, and replacing it would shred messages.
 */
export const scrubText = (text: string, secret: string | undefined): string =>
  secret && secret.length > 7 ? text.replaceAll(secret, REDACTED) : text;

/**
 * `value` (a string or parsed JSON) with `secret` replaced wherever it occurs, keys included.
 * Untouched (the same object) when the secret is not in it, which is every ordinary error.
 */
export function scrubJson(value: unknown, secret: string | undefined): unknown {
  if (typeof value === 'string') return scrubText(value, secret);
  const json = JSON.stringify(value) ?? '';
  // The secret as it appears inside a JSON string (escaped, should it hold `"` or `\`).
  const scrubbed = scrubText(json, secret && JSON.stringify(secret).slice(1, -1));
  return scrubbed === json ? value : (JSON.parse(scrubbed) as unknown);
}

/**
 * A copy of `headers` with `secret` scrubbed from every value: a proxy or gateway may echo the
 * request's `x-api-key` in a response header, which would reach `err.headers` and `requestId`.
 * The same object when the secret is in none of them.
 */
export function scrubHeaders(headers: Headers, secret: string | undefined): Headers {
  if (!secret || secret.length <= 7) return headers;
  let found = false;
  for (const [name, value] of headers) if (value.includes(secret) || name.includes(secret.toLowerCase())) found = true;
  if (!found) return headers;
  const clean = new Headers();
  for (const [name, value] of headers) {
    clean.append(name.includes(secret.toLowerCase()) ? 'x-redacted' : name, scrubText(value, secret));
  }
  return clean;
}
