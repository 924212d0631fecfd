/**
 * Control routes of the HTTP door, under `/_mock/` (outside Kler's `/v1`): they let another
 * process drive the fake as a test would in-process — simulate a payment, settle, inject a
 * fault, reset. This is how `kler mock` is scripted from shell, other languages, or end-to-end
 * tests.
 *
 * - `GET  /_mock`                               the webhook secret and these routes
 * - `POST /_mock/sessions/:id/payments`         body: simulatePayment params → `{ transaction, delivery }`
 * - `POST /_mock/sessions/:id/settle`           body: `{ transaction_ids?, at? }` → settled transactions
 * - `POST /_mock/transactions/:id/redeliver`    → the delivery report
 * - `POST /_mock/fail`                          body: `{ route, fault, times? }` as `mock.fail(route, fault, { times })`;
 *                                               `times` is a whole number or `"Infinity"` (JSON has no Infinity)
 * - `POST /_mock/clear-faults`                  disarm every fault (`mock.clearFaults()`)
 * - `POST /_mock/reset`                         forget everything
 *
 * Refusals use the fake's error envelope `{ success: false, error: { code, message, field? } }`:
 * 400 for a bad body or a refused action, 404 for an unknown session, transaction or route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe } from '../core/params.js';
import { invalid, ok, problem, type ApiAnswer } from './answers.js';
import { KlerMockError } from './errors.js';
import type { KlerMockFault, KlerMockFaultTarget } from './faults.js';
import type { KlerMockCore } from './mock.js';
import type { SimulatePaymentParams } from './payments.js';
import { timeOf } from './times.js';
import { parseJson } from './validate.js';

const PREFIX = '/_mock';

/** Every control route, as the 404 for an unknown one and `GET /_mock` list them. */
export const CONTROL_ROUTES = [
  'GET /_mock',
  'POST /_mock/sessions/:session_id/payments',
  'POST /_mock/sessions/:session_id/settle',
  'POST /_mock/transactions/:transaction_id/redeliver',
  'POST /_mock/fail',
  'POST /_mock/clear-faults',
  'POST /_mock/reset',
];

/** Handles a control request; `false` when the path is not a control route. */
export async function handleControl(mock: KlerMockCore, req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) return false;
  const answer = await answerControl(mock, req.method ?? 'GET', pathname, body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(answer.body));
  return true;
}

async function answerControl(mock: KlerMockCore, method: string, pathname: string, body: string): Promise<ApiAnswer> {
  let parts: string[];
  try {
    parts = pathname.slice(PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return unknownRoute(method, pathname);
  }
  // A body that is not a JSON object is refused rather than read as `{}`: a settle body with a
  // typo would otherwise settle every payment of the session.
  const json = parseJson(body);
  if (!json.ok) return problem(400, 'invalid_json', 'The body is not valid JSON.');
  if (json.value !== undefined && (json.value === null || typeof json.value !== 'object' || Array.isArray(json.value))) {
    return invalid('The body must be a JSON object.');
  }
  const input = (json.value ?? {}) as Record<string, unknown>;
  const [a, id, action] = parts;
  const is = (verb: string, first: string, length: number, last?: string) =>
    method === verb && a === first && parts.length === length && (last === undefined || (id !== undefined && action === last));
  try {
    if (method === 'GET' && parts.length === 0) return ok({ webhook_secret: mock.webhookSecret, routes: CONTROL_ROUTES });
    if (is('POST', 'sessions', 3, 'payments')) return ok(await mock.simulatePayment(id!, input as unknown as SimulatePaymentParams), 201);
    if (is('POST', 'sessions', 3, 'settle')) return settle(mock, id!, input);
    if (is('POST', 'transactions', 3, 'redeliver')) return ok(await mock.redeliverWebhook(id!));
    if (is('POST', 'fail', 1)) return fail(mock, input);
    if (is('POST', 'clear-faults', 1)) {
      mock.clearFaults();
      return ok({});
    }
    if (is('POST', 'reset', 1)) {
      mock.reset();
      return ok({});
    }
    return unknownRoute(method, pathname);
  } catch (error) {
    if (!KlerMockError.is(error)) throw error;
    return problem(/^The mock has no/.test(error.message) ? 404 : 400, 'mock_error', error.message);
  }
}

/** The 404 for a path under `/_mock` that is not a control route: it lists the ones there are. */
function unknownRoute(method: string, pathname: string): ApiAnswer {
  const message = `No mock control route ${method} ${pathname}.`;
  return { status: 404, body: { success: false, error: { code: 'route_not_found', message, routes: CONTROL_ROUTES } } };
}

/** `mock.settle()` from JSON: ids as an array of strings, `at` as ISO text with a UTC offset. */
function settle(mock: KlerMockCore, sessionId: string, input: Record<string, unknown>): ApiAnswer {
  const ids = input['transaction_ids'];
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((x) => typeof x === 'string' && x !== ''))) {
    return invalid(`transaction_ids must be an array of transaction ids, got ${describe(ids)}.`, 'transaction_ids');
  }
  const at = input['at'];
  // JSON carries no Date: only a string can be a time here, read as `paid_at` is.
  const when = typeof at === 'string' ? timeOf(at) : undefined;
  if (at !== undefined && !when) {
    return invalid(`at must be an ISO 8601 time with a UTC offset, such as "2025-08-02T10:00:00.000Z"; got ${describe(at)}.`, 'at');
  }
  const settled = mock.settle(sessionId, {
    ...(ids !== undefined ? { transactionIds: ids as string[] } : {}),
    ...(when ? { at: when } : {}),
  });
  return ok(settled);
}

/** `mock.fail()` from JSON; `mock.fail` itself checks the route, the fault and `times`. */
function fail(mock: KlerMockCore, input: Record<string, unknown>): ApiAnswer {
  const { route, fault, times } = input;
  const count = times === 'Infinity' ? Number.POSITIVE_INFINITY : times;
  mock.fail(route as KlerMockFaultTarget, fault as KlerMockFault, count === undefined ? {} : { times: count as number });
  return ok({ route, fault, times: times ?? 1 });
}
