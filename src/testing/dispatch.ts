/**
 * The request pipeline both doors share: find the route, fire an armed fault, check the API
 * key, run the route, and serialise the answer. The doors only translate their native request
 * and response types.
 */
import { problem, type ApiAnswer } from './answers.js';
import type { FaultSwitch, KlerMockFault } from './faults.js';
import { answerRoute, matchRoute, type KlerMockRoute, type RouteContext } from './routes.js';

/** A request as either door received it. */
export interface MockHttpRequest {
  method: string;
  url: URL;
  headers: { get(name: string): string | null };
  body: string;
}

/** What the door must do: write an answer, or drop the connection. */
export type MockHttpOutcome =
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'drop' };

/** One call the mock received, for assertions such as "the SDK retried twice". */
export interface KlerMockCall {
  /** The documented endpoint it matched, or `null` for an unknown path. */
  readonly route: KlerMockRoute | null;
  /** The HTTP method, upper-case, e.g. `GET`. */
  readonly method: string;
  /** Path and query, e.g. `/v1/transactions?session_id=…&limit=50`. */
  readonly path: string;
  /** The status answered, or `'dropped'` when a fault closed the connection. */
  readonly status: number | 'dropped';
  /** Whether an injected fault decided the outcome (or delayed it). */
  readonly fault: boolean;
}

export interface DispatcherConfig {
  readonly context: RouteContext;
  readonly faults: FaultSwitch;
  /** The one accepted key, or `undefined` to accept any non-empty key. */
  readonly apiKey: string | undefined;
  /** The base path the API lives under, e.g. `/v1`. */
  readonly basePath: string;
  /** Receives every call. */
  readonly record: (call: KlerMockCall) => void;
}

/** The pipeline's entry point. */
export type Dispatch = (request: MockHttpRequest) => Promise<MockHttpOutcome>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** Builds the shared pipeline. */
export function createDispatcher(config: DispatcherConfig): Dispatch {
  return async (request) => {
    const method = request.method.toUpperCase();
    const where = request.url.pathname + request.url.search;
    const segments = splitPath(request.url.pathname, config.basePath);
    const match = segments ? matchRoute(method, segments) : undefined;
    const route = typeof match === 'object' ? match.route.name : null;
    const fault = route ? config.faults.take(route) : undefined;
    const log = (status: number | 'dropped') => config.record({ route, method, path: where, status, fault: fault !== undefined });

    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault && 'drop' in fault) {
      log('dropped');
      return { kind: 'drop' };
    }
    const answer = faultAnswer(fault) ?? authProblem(request, config.apiKey) ?? routeAnswer(match, method, segments ?? [], request, config.context);
    log(answer.status);
    return render(answer);
  };
}

function routeAnswer(
  match: ReturnType<typeof matchRoute>,
  method: string,
  segments: readonly string[],
  request: MockHttpRequest,
  context: RouteContext,
): ApiAnswer {
  if (match === 'method_not_allowed') {
    return problem(405, 'method_not_allowed', `${method} is not allowed on ${request.url.pathname}.`);
  }
  if (!match) return problem(404, 'route_not_found', `No Kler endpoint ${method} ${request.url.pathname}.`);
  return answerRoute(context, match, { method, segments, query: request.url.searchParams, body: request.body });
}

/**
 * The decoded path segments after `basePath`, without a trailing empty segment; `undefined`
 * when the path is outside the API or not decodable.
 */
function splitPath(pathname: string, basePath: string): string[] | undefined {
  if (basePath && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
  const rest = pathname.slice(basePath.length).replace(/^\/+/, '').replace(/\/+$/, '');
  try {
    return rest === '' ? [] : rest.split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function authProblem(request: MockHttpRequest, apiKey: string | undefined): ApiAnswer | undefined {
  const sent = request.headers.get('x-api-key')?.trim();
  if (!sent) return problem(401, 'unauthorized', 'Missing API key: send it in the x-api-key header.');
  if (apiKey !== undefined && sent !== apiKey) return problem(401, 'unauthorized', 'Invalid API key.');
  return undefined;
}

function faultAnswer(fault: KlerMockFault | undefined): ApiAnswer | undefined {
  if (!fault) return undefined;
  if ('malformed' in fault) return { status: 200, body: '{"success":true,"data":{"session_id":' };
  if ('status' in fault) {
    const body = fault.body ?? problem(fault.status, 'injected_fault', `Fault injected by the Kler mock (status ${fault.status}).`).body;
    return { status: fault.status, body, headers: fault.headers ?? {} };
  }
  return undefined;
}

function render(answer: ApiAnswer): MockHttpOutcome {
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return { kind: 'answer', status: answer.status, headers: { ...JSON_HEADERS, ...answer.headers }, body };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
