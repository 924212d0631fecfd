/**
 * `createWebhookHandler`: a webhook endpoint that loses no event and does no work twice, on one
 * process or many, behind a door for each runtime.
 */
import type { HandlerConfig } from './handler-config.js';
import { resolveHandlerConfig } from './handler-config.js';
import { readNodeBody, readWebBody, bodyAlreadyRead, type BodyResult } from './handler-body.js';
import { drain, inboxOf, startWorker } from './handler-inbox.js';
import { answer, receive } from './handler-receive.js';
import { traceDelivery } from './handler-trace.js';
import type { WebhookAnswer, WebhookHandler, WebhookHandlerOptions, NodeWebhookResponse } from './handler-types.js';

/**
 * Creates a webhook handler: it verifies each delivery, then either does the work before
 * answering (`mode: 'inline'`, 2xx only once it succeeded) or records the event in the store and
 * answers 202 at once (`mode: 'inbox'`, the work then runs from `drain()` or `worker()` with
 * retries and dead letters). A redelivery while the work is in progress gets 409 so Kler comes
 * back; one after it is done gets 200 and does nothing. Claims are kept in `store`, per
 * transaction and status (`webhookWorkKey`), under leases that expire, so the work of a crashed
 * process is taken over.
 *
 * Answers: 200 `{ status: 'processed' | 'duplicate' | 'ignored' }`, 202 `{ status: 'enqueued' }`,
 * 401 `{ error: <reason> }` for a delivery that fails verification (400 for a signed body that
 * is not a Kler event), 405, 408 (body too slow), 409 `{ status: 'in_progress' }` with
 * `Retry-After`, 413 (body over `maxBodyBytes`), 500 `{ error: 'handler_failed' }` (the work
 * threw: Kler retries), 503 `{ error: 'store_unavailable' }`. No answer carries a stack, a
 * message or the secret; `onError` hears the details.
 * @throws {KlerConfigurationError} when an option is unusable (no secret, a store that is not
 * one, `retainMs` that would forget keys a replay can reach, …).
 * @example
 * import { createWebhookHandler } from '@kler/sdk/webhooks';
 *
 * const kler = createWebhookHandler({
 *   secret: process.env.KLER_WEBHOOK_SECRET!,
 *   store, // shared by every instance: Redis, PostgreSQL, a Durable Object
 *   on: {
 *     'transaction.received': async (event, { key }) => {
 *       if (event.data.status === 'successful') await issueTickets(event.data, { idempotencyKey: key });
 *     },
 *   },
 * });
 *
 * export const POST = (request: Request) => kler.fetch(request); // Next.js, Hono, Workers, Bun
 * app.post('/webhooks/kler', (req, res) => kler.node(req, res)); // Express, node:http
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const config = resolveHandlerConfig(options);
  const wakers = new Set<() => void>();
  const wake = () => {
    for (const nudge of wakers) nudge();
  };

  return {
    async fetch(request) {
      const { body, status, headers } = await traceDelivery(config, request.headers, (traced) => answerFetch(traced, request, wake));
      // `connection` is the Node door's business; Fetch runtimes manage their connections.
      const { connection: _connection, ...fetchHeaders } = headers;
      return new Response(body, { status, headers: fetchHeaders });
    },
    async node(req, res) {
      let sent: WebhookAnswer;
      try {
        sent = await traceDelivery(config, req.headers, (traced) => answerNode(traced, req, wake));
      } catch (error) {
        config.report(error, { phase: 'configuration' });
        sent = answer(500, { error: 'internal_error' });
      }
      write(res, sent);
    },
    receive: ({ body, headers }) => traceDelivery(config, headers, (traced) => receiveRaw(traced, body, headers, wake)),
    drain: (drainOptions) => drain(config, drainOptions),
    worker: (workerOptions) => startWorker(config, wakers, workerOptions),
    deadLetters: async (listOptions) => inboxOf(config, 'deadLetters()').deadLetters(listOptions),
    async replay(key) {
      const replayed = await inboxOf(config, 'replay()').replay(key);
      if (replayed) wake();
      return replayed;
    },
  };
}

type DeliveryHeaders = Parameters<typeof receive>[2];

function receiveRaw(config: HandlerConfig, body: Uint8Array | string, headers: DeliveryHeaders, wake: () => void): Promise<WebhookAnswer> {
  const size = typeof body === 'string' ? new TextEncoder().encode(body).byteLength : body?.byteLength;
  if (size !== undefined && size > config.maxBodyBytes) {
    config.emit({ type: 'rejected', reason: 'body_too_large', status: 413 });
    return Promise.resolve(answer(413, { error: 'body_too_large' }));
  }
  return receive(config, body, headers, wake);
}

const notPost = (config: HandlerConfig): WebhookAnswer => {
  config.emit({ type: 'rejected', reason: 'method_not_allowed', status: 405 });
  return answer(405, { error: 'method_not_allowed' }, { allow: 'POST' });
};

function refusal(config: HandlerConfig, result: Exclude<BodyResult, { bytes: Uint8Array }>): WebhookAnswer {
  config.emit({ type: 'rejected', reason: result.reason, status: result.refused.status });
  return result.refused;
}

async function answerFetch(config: HandlerConfig, request: Request, wake: () => void): Promise<WebhookAnswer> {
  if (request.method !== 'POST') return notPost(config);
  if (request.bodyUsed || request.body?.locked) {
    config.report(bodyAlreadyRead('the Request body was already read (request.json(), request.text() or a middleware)'), { phase: 'configuration' });
    return answer(500, { error: 'body_already_read' });
  }
  const body = await readWebBody(config, request.body, request.headers);
  return 'bytes' in body ? receive(config, body.bytes, request.headers, wake) : refusal(config, body);
}

async function answerNode(config: HandlerConfig, req: Parameters<WebhookHandler['node']>[0], wake: () => void): Promise<WebhookAnswer> {
  if (req.method !== undefined && req.method !== 'POST') return notPost(config);
  const body = await readNodeBody(config, req);
  if ('misconfigured' in body) {
    config.report(body.misconfigured, { phase: 'configuration' });
    return answer(500, { error: 'body_already_read' });
  }
  return 'bytes' in body ? receive(config, body.bytes, req.headers, wake) : refusal(config, body);
}

function write(res: NodeWebhookResponse, sent: WebhookAnswer): void {
  if (res.headersSent) return;
  res.statusCode = sent.status;
  for (const [name, value] of Object.entries(sent.headers)) res.setHeader(name, value);
  res.end(sent.body);
}
