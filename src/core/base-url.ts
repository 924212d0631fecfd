/**
 * Kler's production base URL and the one check every base URL gets, shared by the client and
 * the testing kit's fake (which must not import the client: that would pull ky into
 * `@kler/sdk/testing`).
 */

/** The production API. */
export const DEFAULT_BASE_URL = 'https://api.kler.africa/v1';

/** Why `value` cannot be a base URL, or `undefined` when it can (absolute http(s), no query or fragment). */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an absolute URL such as "${DEFAULT_BASE_URL}", got ${JSON.stringify(value)}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must use http or https, got ${JSON.stringify(value)}`;
  if (url.search || url.hash) return `must not have a query or fragment, got ${JSON.stringify(value)}`;
  return undefined;
}
