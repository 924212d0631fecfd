/**
 * Control routes of the HTTP door, under `/_mock/` (outside Kler's `/v1`): they let another
 * process drive the fake as a test would in-process — simulate a payment, settle, reset. This
 * is how `kler mock` is scripted from shell, other languages, or end-to-end tests.
 *
 * - `GET  /_mock`                               the webhook secret and these routes
 * - `POST /_mock/sessions/:id/payments`         body: simulatePayment params → `{ transaction, delivery }`
 * - `POST /_mock/sessions/:id/settle`           body: `{ transaction_ids?, at? }` → settled transactions
 * - `POST /_mock/transactions/:id/redeliver`    → the delivery report
 * - `POST /_mock/reset`                         forget everything
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KlerMockError } from './errors.js';
import type { KlerMockCore } from './mock.js';
import type { SimulatePaymentParams } from './payments.js';
import { parseJson } from './validate.js';

const PREFIX = '/_mock';

/** Handles a control request; `false` when the path is not a control route. */
export async function handleControl(mock: KlerMockCore, req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) return false;
  const parts = pathname.slice(PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const send = (status: number, payload: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(payload));
  };
  const json = parseJson(body);
  const input = json.ok && json.value && typeof json.value === 'object' ? (json.value as Record<string, unknown>) : {};
  try {
    const [a, id, action] = parts;
    if (method === 'GET' && parts.length === 0) {
      send(200, { success: true, data: { webhook_secret: mock.webhookSecret, routes: ROUTES } });
    } else if (method === 'POST' && a === 'sessions' && id && action === 'payments' && parts.length === 3) {
      send(201, { success: true, data: await mock.simulatePayment(id, input as unknown as SimulatePaymentParams) });
    } else if (method === 'POST' && a === 'sessions' && id && action === 'settle' && parts.length === 3) {
      const ids = input['transaction_ids'];
      const at = typeof input['at'] === 'string' ? new Date(input['at']) : undefined;
      send(200, {
        success: true,
        data: mock.settle(id, { ...(Array.isArray(ids) ? { transactionIds: ids.map(String) } : {}), ...(at ? { at } : {}) }),
      });
    } else if (method === 'POST' && a === 'transactions' && id && action === 'redeliver' && parts.length === 3) {
      send(200, { success: true, data: await mock.redeliverWebhook(id) });
    } else if (method === 'POST' && a === 'reset' && parts.length === 1) {
      mock.reset();
      send(200, { success: true, data: {} });
    } else {
      send(404, { success: false, error: { code: 'route_not_found', message: `No mock control route ${method} ${pathname}.`, routes: ROUTES } });
    }
  } catch (error) {
    if (!KlerMockError.is(error)) throw error;
    const status = /^The mock has no/.test(error.message) ? 404 : 400;
    send(status, { success: false, error: { code: 'mock_error', message: error.message } });
  }
  return true;
}

const ROUTES = [
  'POST /_mock/sessions/:session_id/payments',
  'POST /_mock/sessions/:session_id/settle',
  'POST /_mock/transactions/:transaction_id/redeliver',
  'POST /_mock/reset',
];
