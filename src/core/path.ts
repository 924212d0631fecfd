import { KlerInvalidParamsError } from './errors.js';
import { unencodableMessage } from './params.js';

/**
 * Builds a relative API path from a template, percent-encoding every interpolated value as one
 * path segment, so an id containing `/`, `?`, `#` or `%` can never reach another route.
 * @example path`sessions/${id}/close` // id "a/b?c" -> "sessions/a%2Fb%3Fc/close"
 */
export function path(strings: TemplateStringsArray, ...segments: string[]): string {
  let out = strings[0] ?? '';
  segments.forEach((segment, i) => {
    // Resources check ids with validateId first; this keeps a raw URIError from ever escaping.
    const broken = unencodableMessage('the id', segment);
    if (broken) throw new KlerInvalidParamsError(`the request to ${out}…`, [{ field: 'id', message: broken }]);
    out += encodeURIComponent(segment) + (strings[i + 1] ?? '');
  });
  return out;
}
