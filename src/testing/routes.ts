/**
 * The fake Kler's one router: method + path + query + body in, status + JSON out. Both doors
 * (MSW handlers and the loopback HTTP server) call it, so they cannot disagree.
 */
import { notFound, invalid, ok, problem, type ApiAnswer } from './answers.js';
import { copy, type KlerStore, type TransactionRecord } from './state.js';
import { reconciliationOf, settlementOf } from './summaries.js';
import { checkOperatorBody, checkSessionBody, parseJson, queryInt } from './validate.js';

/** The documented endpoints, named after the SDK methods that call them. */
export type KlerMockRoute =
  | 'sessions.create'
  | 'sessions.retrieve'
  | 'sessions.close'
  | 'transactions.list'
  | 'transactions.retrieve'
  | 'reconciliation.retrieve'
  | 'settlement.retrieve'
  | 'operators.create'
  | 'operators.list'
  | 'operators.listTransactions';

/** What a route needs from the fake. */
export interface RouteContext {
  readonly store: KlerStore;
  now(): Date;
  readonly settlementDelayMs: number | undefined;
  readonly maxPageSize: number | undefined;
}

/** A request reduced to what routing needs; `segments` are the decoded path parts after `/v1`. */
export interface RouteRequest {
  method: string;
  segments: readonly string[];
  query: URLSearchParams;
  body: string;
}

type Handler = (ctx: RouteContext, params: readonly string[], req: RouteRequest) => ApiAnswer;

interface RouteDef {
  name: KlerMockRoute;
  method: 'GET' | 'POST' | 'PATCH';
  /** Path segments; `:` marks a parameter. */
  pattern: readonly string[];
  handle: Handler;
}

/** Default page size of `GET /v1/transactions`, as documented. */
const DEFAULT_LIMIT = 50;

const sessionOr404 = (ctx: RouteContext, id: string) => ctx.store.session(id);

const transactionsAnswer = (ctx: RouteContext, records: readonly TransactionRecord[]) => ok(records.map((r) => ctx.store.view(r)));

const ROUTES: readonly RouteDef[] = [
  {
    name: 'sessions.create',
    method: 'POST',
    pattern: ['sessions'],
    handle: (ctx, _params, req) => {
      const json = parseJson(req.body);
      if (!json.ok) return problem(400, 'invalid_json', 'The body is not valid JSON.');
      const checked = checkSessionBody(json.value);
      if (!checked.ok) return checked.answer;
      return ok(copy(ctx.store.createSession(checked.value).session));
    },
  },
  {
    name: 'sessions.retrieve',
    method: 'GET',
    pattern: ['sessions', ':id'],
    handle: (ctx, [id = '']) => {
      const record = sessionOr404(ctx, id);
      return record ? ok(copy(record.session)) : notFound('session', id);
    },
  },
  {
    name: 'sessions.close',
    method: 'PATCH',
    pattern: ['sessions', ':id', 'close'],
    handle: (ctx, [id = '']) => {
      const record = sessionOr404(ctx, id);
      if (!record) return notFound('session', id);
      if (record.session.status === 'closed') {
        return problem(409, 'session_closed', `Session ${JSON.stringify(id)} is already closed.`);
      }
      ctx.store.closeSession(record);
      return ok(copy(record.session));
    },
  },
  {
    name: 'transactions.list',
    method: 'GET',
    pattern: ['transactions'],
    handle: (ctx, _params, req) => {
      const sessionId = req.query.get('session_id');
      if (!sessionId) return invalid('The session_id query parameter is required.', 'session_id');
      const limit = queryInt(req.query, 'limit', 1);
      if (limit === null) return invalid('limit must be a whole number of 1 or more.', 'limit');
      const offset = queryInt(req.query, 'offset', 0);
      if (offset === null) return invalid('offset must be a whole number of 0 or more.', 'offset');
      if (!sessionOr404(ctx, sessionId)) return notFound('session', sessionId);
      // Kler documents no maximum; `maxPageSize` lets a test see what a silent cap would do.
      const size = Math.min(limit ?? DEFAULT_LIMIT, ctx.maxPageSize ?? Number.POSITIVE_INFINITY);
      const start = offset ?? 0;
      return transactionsAnswer(ctx, ctx.store.transactionsOf(sessionId).slice(start, start + size));
    },
  },
  {
    name: 'transactions.retrieve',
    method: 'GET',
    pattern: ['transactions', ':id'],
    handle: (ctx, [id = '']) => {
      const record = ctx.store.transaction(id);
      return record ? ok(ctx.store.view(record)) : notFound('transaction', id);
    },
  },
  {
    name: 'reconciliation.retrieve',
    method: 'GET',
    pattern: ['reconciliation', ':id'],
    handle: (ctx, [id = '']) =>
      sessionOr404(ctx, id) ? ok(reconciliationOf(id, ctx.store.transactionsOf(id), ctx.now())) : notFound('session', id),
  },
  {
    name: 'settlement.retrieve',
    method: 'GET',
    pattern: ['settlement', ':id'],
    handle: (ctx, [id = '']) =>
      sessionOr404(ctx, id)
        ? ok(settlementOf(id, ctx.store.transactionsOf(id), ctx.now(), ctx.settlementDelayMs))
        : notFound('session', id),
  },
  {
    name: 'operators.create',
    method: 'POST',
    pattern: ['sessions', ':id', 'operators'],
    handle: (ctx, [id = ''], req) => {
      if (!sessionOr404(ctx, id)) return notFound('session', id);
      const json = parseJson(req.body);
      if (!json.ok) return problem(400, 'invalid_json', 'The body is not valid JSON.');
      const checked = checkOperatorBody(json.value);
      if (!checked.ok) return checked.answer;
      return ok(copy(ctx.store.addOperator(id, checked.value)), 201);
    },
  },
  {
    name: 'operators.list',
    method: 'GET',
    pattern: ['sessions', ':id', 'operators'],
    handle: (ctx, [id = '']) => (sessionOr404(ctx, id) ? ok(copy(ctx.store.operatorsOf(id))) : notFound('session', id)),
  },
  {
    name: 'operators.listTransactions',
    method: 'GET',
    pattern: ['sessions', ':id', 'operators', ':operator', 'transactions'],
    handle: (ctx, [id = '', operatorId = '']) => {
      if (!sessionOr404(ctx, id)) return notFound('session', id);
      if (!ctx.store.operatorsOf(id).some((op) => op.id === operatorId)) return notFound('operator', operatorId);
      return transactionsAnswer(ctx, ctx.store.transactionsOf(id).filter((r) => r.operatorId === operatorId));
    },
  },
];

/** Every route name, for validating `mock.fail(route, …)`. */
export const ROUTE_NAMES: readonly KlerMockRoute[] = ROUTES.map((r) => r.name);

/** A matched route and its path parameters. */
export interface RouteMatch {
  readonly route: RouteDef;
  readonly params: readonly string[];
}

/**
 * Finds the route for `method` and `segments`: a match, `'method_not_allowed'` when the path
 * exists under another method, or `undefined`.
 */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | 'method_not_allowed' | undefined {
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? 'method_not_allowed' : undefined;
}

function matchPattern(pattern: readonly string[], segments: readonly string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params.push(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/** Runs a matched route. */
export function answerRoute(ctx: RouteContext, match: RouteMatch, req: RouteRequest): ApiAnswer {
  return match.route.handle(ctx, match.params, req);
}
