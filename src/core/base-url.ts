/**
 * Kler's production base URL and the one check every base URL gets, shared by the client and
 * the testing kit's fake (which must not import the client: that would pull ky into
 * `@kler/sdk/testing`).
 */

/** The production API. */
export const DEFAULT_BASE_URL = 'https://api.kler.africa/v1';

/** Why `value` cannot be a base URL, or `undefined` when it can (absolute http(s), no query or fragment). */
export function baseUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string such as "${DEFAULT_BASE_URL}", got ${value === null ? 'null' : typeof value}`;
  // Echoed in messages without any `user:password@` part, which must not reach a log either.
  const shown = JSON.stringify(value.replace(/\/\/[^/?#]*@/, '//[redacted]@'));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an absolute URL such as "${DEFAULT_BASE_URL}", got ${shown}`;
  }
  if (url.username || url.password) {
    return (
      'must not contain a user name or password (they end up in logs): Kler authenticates with apiKey; for a proxy ' +
      'that needs credentials, pass a fetch that adds them'
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must use http or https, got ${shown}`;
  if (url.search || url.hash) return `must not have a query or fragment, got ${shown}`;
  return undefined;
}
