/**
 * The API's routes as Kler documents them, so logs, hooks and spans can name a call by its
 * operation (`sessions.create`) and path template (`sessions/{session_id}/close`) instead of a
 * path full of ids: templates keep span names and metric labels low-cardinality.
 */
const ROUTES: readonly (readonly [method: string, template: string, operation: string])[] = [
  ['POST', 'sessions', 'sessions.create'],
  ['GET', 'sessions/{session_id}', 'sessions.retrieve'],
  ['PATCH', 'sessions/{session_id}/close', 'sessions.close'],
  ['GET', 'transactions', 'transactions.list'],
  ['GET', 'transactions/{transaction_id}', 'transactions.retrieve'],
  ['GET', 'reconciliation/{session_id}', 'reconciliation.retrieve'],
  ['GET', 'settlement/{session_id}', 'settlement.retrieve'],
  ['POST', 'sessions/{session_id}/operators', 'operators.create'],
  ['GET', 'sessions/{session_id}/operators', 'operators.list'],
  ['GET', 'sessions/{session_id}/operators/{operator_id}/transactions', 'operators.listTransactions'],
];

/** A request matched against the route table. */
export interface Route {
  /** `sessions.create`, …; `request` for a path the table does not know. */
  operation: string;
  /** Relative template, e.g. `transactions/{transaction_id}`. */
  template: string;
  /** The ids in the path, decoded, by template name. */
  params: Record<string, string>;
}

/** The route of `method` `path` (a relative path built with `path\`…\``). */
export function routeOf(method: string, path: string): Route {
  const segments = path.split('/');
  for (const [m, template, operation] of ROUTES) {
    const parts = template.split('/');
    if (m !== method || parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const match = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (!part.startsWith('{')) return part === segment;
      params[part.slice(1, -1)] = decodeURIComponent(segment);
      return segment !== '';
    });
    if (match) return { operation, template, params };
  }
  return { operation: 'request', template: path, params: {} };
}
