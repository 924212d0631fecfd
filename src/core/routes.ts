import { validateId } from './params.js';

/**
 * One call's route as Kler documents it, so logs, hooks and spans can name the call by its
 * operation (`sessions.create`) and path template (`sessions/{session_id}/close`) instead of a
 * path full of ids: templates keep span names and metric labels low-cardinality. Each resource
 * names its route where it makes the call, so no table has to match a path back to one.
 */
export interface Route {
  /** `sessions.create`, … */
  operation: string;
  /** Relative template, e.g. `transactions/{transaction_id}`. */
  template: string;
  /** The ids in the path, as given, by template name. */
  params: Record<string, string>;
  /** The relative path sent: the template with each id percent-encoded. */
  path: string;
}

/**
 * The route of `operation`: `template` with each `{name}` replaced by `params[name]`,
 * percent-encoded as one path segment, so an id containing `/`, `?`, `#` or `%` can never reach
 * another route. An empty id, `.` or `..` is refused: no encoding keeps those from collapsing
 * the path (URL parsing reads `%2e%2e` as `..` too), so `sessions/..` would be `GET /v1/`.
 * @example route('sessions.close', 'sessions/{session_id}/close', { session_id: 'a/b?c' }).path // "sessions/a%2Fb%3Fc/close"
 */
export function route(operation: string, template: string, params: Record<string, string> = {}): Route {
  // Resources check ids with validateId first, under the method's name; checked again here, the
  // same way, so no route can be built from an id that would reach another (or a raw URIError).
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(validateId(`the request to ${template}`, name, params[name])),
  );
  return { operation, template, params, path };
}
