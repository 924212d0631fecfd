/**
 * Keeps the API key out of errors built from what a server sent back: a proxy or a debugging
 * endpoint may echo the request's headers in its error page, and that text becomes an error's
 * `message` and `body`, which end up in logs.
 */

const REDACTED = '[redacted]';

/** `text` with every occurrence of `secret` replaced by `[redacted]`. */
export const scrubText = (text: string, secret: string | undefined): string =>
  secret ? text.replaceAll(secret, REDACTED) : text;

/**
 * `value` (a string or parsed JSON) with `secret` replaced wherever it occurs, keys included.
 * Untouched (the same object) when the secret is not in it, which is every ordinary error.
 */
export function scrubJson(value: unknown, secret: string | undefined): unknown {
  if (typeof value === 'string') return scrubText(value, secret);
  if (!secret || value === undefined) return value;
  const json = JSON.stringify(value);
  // The secret as it appears inside a JSON string (escaped, should it hold `"` or `\`).
  const inJson = JSON.stringify(secret).slice(1, -1);
  return json.includes(inJson) ? (JSON.parse(json.replaceAll(inJson, REDACTED)) as unknown) : value;
}
