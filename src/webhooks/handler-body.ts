/**
 * Reading a delivery's raw body within limits: at most `maxBodyBytes` (reading stops there, so a
 * huge body costs no memory) and within `bodyTimeoutMs` (a body trickling in is given up on).
 * One reader for Fetch API streams, one for Node request streams; neither imports `node:*`.
 */
import { concatBytes } from '../core/bytes.js';
import { KlerConfigurationError } from '../core/errors.js';
import type { HandlerConfig } from './handler-config.js';
import type { NodeWebhookRequest, WebhookAnswer } from './handler-types.js';
import type { WebhookHeaders } from './headers.js';
import { readHeaders } from './headers.js';
import { answer } from './handler-receive.js';

/** The body, or the answer refusing it. */
export type BodyResult =
  | { readonly bytes: Uint8Array }
  | { readonly refused: WebhookAnswer; readonly reason: 'body_too_large' | 'body_timeout' | 'body_incomplete' };

const tooLarge = (): BodyResult => ({ refused: answer(413, { error: 'body_too_large' }, { connection: 'close' }), reason: 'body_too_large' });
const cutOff = (): BodyResult => ({ refused: answer(400, { error: 'body_incomplete' }, { connection: 'close' }), reason: 'body_incomplete' });
const tooSlow = (): BodyResult => ({ refused: answer(408, { error: 'body_timeout' }, { connection: 'close' }), reason: 'body_timeout' });

/** `true` when the declared `content-length` is already over the limit. */
function declaredTooLarge(config: HandlerConfig, headers: WebhookHeaders): boolean {
  const length = Number(readHeaders(headers).all('content-length')[0]);
  return Number.isFinite(length) && length > config.maxBodyBytes;
}

/** One chunk as it is (the common case: no copy), or the chunks joined. */
const joined = (chunks: Uint8Array[], total: number): Uint8Array => (chunks.length === 1 ? chunks[0]! : concatBytes(chunks, total));

/** Reads a Fetch API body stream. */
export async function readWebBody(config: HandlerConfig, body: ReadableStream<Uint8Array> | null, headers: WebhookHeaders): Promise<BodyResult> {
  if (!body) return { bytes: new Uint8Array(0) };
  if (declaredTooLarge(config, headers)) {
    void body.cancel().catch(() => undefined);
    return tooLarge();
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), config.bodyTimeoutMs)));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next === 'timeout') {
        void reader.cancel().catch(() => undefined);
        return tooSlow();
      }
      if (next.done) return { bytes: joined(chunks, total) };
      total += next.value.byteLength;
      if (total > config.maxBodyBytes) {
        void reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
}

const encoder = new TextEncoder();

/** What to change when a body parser consumed the request before `node(req, res)` saw it. */
export function bodyAlreadyRead(what: string): KlerConfigurationError {
  return new KlerConfigurationError(
    `handler.node(req, res) reads the raw body itself, but ${what}, so the signed bytes are gone. Let the request reach it unread:
  - Express: register the webhook route before any app-wide express.json(), or give it express.raw({ type: 'application/json' }) (node() uses the Buffer that leaves in req.body).
  - Fastify: in the webhook route's plugin, app.addContentTypeParser('application/json', (request, payload, done) => done(null)) so the stream stays unread, then reply.hijack() and await handler.node(request.raw, reply.raw); or parse it with { parseAs: 'buffer' } and answer with handler.receive({ body: request.body, headers: request.headers }).
  - Next.js, Hono, Workers, Bun, Deno: use handler.fetch(request) with the untouched Request.`,
  );
}

/** Reads a Node request stream, or the raw body a parser such as `express.raw()` left on it. */
export function readNodeBody(config: HandlerConfig, req: NodeWebhookRequest): Promise<BodyResult | { readonly misconfigured: KlerConfigurationError }> {
  const parsed = req.body;
  if (typeof parsed === 'string' || parsed instanceof Uint8Array) {
    const bytes = typeof parsed === 'string' ? encoder.encode(parsed) : parsed;
    return Promise.resolve(bytes.byteLength > config.maxBodyBytes ? tooLarge() : { bytes });
  }
  if (parsed !== undefined) {
    const kind = parsed === null ? 'null' : typeof parsed === 'object' ? Object.prototype.toString.call(parsed).slice(8, -1) : typeof parsed;
    return Promise.resolve({ misconfigured: bodyAlreadyRead(`a body parser already turned it into req.body (${kind === 'Object' ? 'an' : 'a'} ${kind})`) });
  }
  if (req.readableEnded || req.readableDidRead) {
    return Promise.resolve({ misconfigured: bodyAlreadyRead('something already read the request stream (a body parser, or a content-type parser in Fastify)') });
  }
  if (declaredTooLarge(config, req.headers)) return Promise.resolve(tooLarge());

  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const finish = (result: BodyResult) => {
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onCut);
      req.removeListener('aborted', onCut);
      if ('refused' in result) req.pause?.(); // read no further; the answer closes the connection
      resolve(result);
    };
    const onData = (chunk?: never) => {
      const bytes: Uint8Array = typeof chunk === 'string' ? encoder.encode(chunk) : (chunk as unknown as Uint8Array);
      total += bytes.byteLength;
      if (total > config.maxBodyBytes) finish(tooLarge());
      else chunks.push(bytes);
    };
    const onEnd = () => finish({ bytes: joined(chunks, total) });
    // The sender went away mid-body: nothing to verify, and nobody to answer.
    const onCut = () => finish(cutOff());
    const timer = setTimeout(() => finish(tooSlow()), config.bodyTimeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onCut);
    req.on('aborted', onCut);
  });
}
