import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  KlerAPIError,
  KlerAuthenticationError,
  KlerBadRequestError,
  KlerConflictError,
  KlerError,
  KlerInternalServerError,
  KlerNotFoundError,
  KlerPermissionDeniedError,
  KlerRateLimitError,
  KlerResponseValidationError,
  KlerUnprocessableEntityError,
  isKlerError,
} from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { json, makeClient, respondWith } from '../helpers.js';

const get = () => makeClient({ maxRetries: 0 }).sessions.retrieve('sess_1');
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a rejection'), (e: unknown) => e);

describe('every non-2xx status becomes the right KlerAPIError subclass', () => {
  it.each([
    [400, KlerBadRequestError, 'KlerBadRequestError'],
    [401, KlerAuthenticationError, 'KlerAuthenticationError'],
    [403, KlerPermissionDeniedError, 'KlerPermissionDeniedError'],
    [404, KlerNotFoundError, 'KlerNotFoundError'],
    [409, KlerConflictError, 'KlerConflictError'],
    [422, KlerUnprocessableEntityError, 'KlerUnprocessableEntityError'],
    [429, KlerRateLimitError, 'KlerRateLimitError'],
    [500, KlerInternalServerError, 'KlerInternalServerError'],
    [503, KlerInternalServerError, 'KlerInternalServerError'],
    [418, KlerAPIError, 'KlerAPIError'],
  ])('%i -> %o', async (status, ErrorClass, name) => {
    respondWith(json({ message: 'nope' }, { status }));
    const error = await failure(get());
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(KlerAPIError);
    expect(error).toBeInstanceOf(KlerError);
    expect((error as KlerAPIError).name).toBe(name);
    expect((error as KlerAPIError).status).toBe(status);
  });
});

describe('error messages read well whatever the body is', () => {
  it('uses the JSON message and keeps the raw body, headers and request id', async () => {
    respondWith(json({ success: false, message: 'Session not found' }, { status: 404, headers: { 'x-request-id': 'req_42' } }));
    const error = (await failure(get())) as KlerNotFoundError;
    expect(error.message).toBe('Kler answered GET /v1/sessions/sess_1 with 404 Not Found: Session not found.');
    expect(error.body).toEqual({ success: false, message: 'Session not found' });
    expect(error.headers.get('x-request-id')).toBe('req_42');
    expect(error.requestId).toBe('req_42');
    expect(error.method).toBe('GET');
    expect(error.path).toBe('/v1/sessions/sess_1');
  });

  it.each([
    [{ error: 'invalid pos_count' }, 'invalid pos_count'],
    [{ error: { message: 'nested message', code: 'E1' } }, 'nested message'],
    [{ errors: [{ message: 'first of many' }] }, 'first of many'],
    [{ detail: 'detail field' }, 'detail field'],
  ])('finds the message in %j', async (body, expected) => {
    respondWith(json(body, { status: 400 }));
    const error = (await failure(get())) as KlerBadRequestError;
    expect(error.message).toContain(expected);
    expect(error.body).toEqual(body);
  });

  it('an HTML page from a proxy is named as such, and the raw text kept', async () => {
    const html = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';
    respondWith(() => new HttpResponse(html, { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = (await failure(get())) as KlerInternalServerError;
    expect(error.message).toMatch(/HTML page \(a proxy or load balancer answered/);
    expect(error.body).toBe(html);
  });

  it.each(['text/plain', null])('a JSON error body sent as %s is still parsed, and its message found', async (type) => {
    const body = '{"message":"pos_count must be between 1 and 50"}';
    respondWith(() => new HttpResponse(body, { status: 400, headers: type ? { 'content-type': type } : {} }));
    const error = (await failure(get())) as KlerBadRequestError;
    expect(error.message).toBe('Kler answered GET /v1/sessions/sess_1 with 400 Bad Request: pos_count must be between 1 and 50.');
    expect(error.body).toEqual({ message: 'pos_count must be between 1 and 50' });
  });

  it('plain text that is not JSON stays text', async () => {
    respondWith(() => new HttpResponse('{not json at all', { status: 400, headers: { 'content-type': 'text/plain' } }));
    const error = (await failure(get())) as KlerBadRequestError;
    expect(error.body).toBe('{not json at all');
    expect(error.message).toContain('{not json at all');
  });

  it('an empty error body says so', async () => {
    respondWith(() => new HttpResponse(null, { status: 500 }));
    const error = (await failure(get())) as KlerInternalServerError;
    expect(error.message).toContain('empty body');
    expect(error.body).toBeUndefined();
  });

  it('401 tells the user how to set the key', async () => {
    respondWith(json({ message: 'Invalid API key' }, { status: 401 }));
    const error = (await failure(get())) as KlerAuthenticationError;
    expect(error.message).toContain('KLER_API_KEY');
  });
});

describe('a 2xx body that breaks the contract is a KlerResponseValidationError', () => {
  it('not JSON', async () => {
    respondWith(() => new HttpResponse('<html>ok</html>', { status: 200 }));
    const error = (await failure(get())) as KlerResponseValidationError;
    expect(error).toBeInstanceOf(KlerResponseValidationError);
    expect(error).not.toBeInstanceOf(KlerAPIError);
    expect(error.message).toContain('not JSON');
    expect(error.rawBody).toBe('<html>ok</html>');
    expect(error.path).toBe('/v1/sessions/sess_1');
  });

  it('no envelope', async () => {
    respondWith(json({ session_id: 's', status: 'active' }));
    const error = (await failure(get())) as KlerResponseValidationError;
    expect(error.message).toContain('envelope');
  });

  it('data failing the schema lists each issue with its path', async () => {
    respondWith(json({ success: true, data: { status: 'active', pos_terminals: [{ terminal_id: '', status: 'assigned' }] } }));
    const error = (await failure(get())) as KlerResponseValidationError;
    expect(error.issues.map((i) => i.path.join('.')).sort()).toEqual(['pos_terminals.0.terminal_id', 'session_id']);
    expect(error.message).toContain('session_id');
    expect(error.message).not.toContain('resend');
  });

  it('after a POST it says Kler acted, so the create is not sent again', async () => {
    const created = { ...docs.sessionApiReference, created_at: 'yesterday' };
    const seen = respondWith(json({ success: true, data: created }, { status: 201 }));
    const create = { external_event_id: 'evt_1', name: 'Gig', collection: { account: true, pos: false } };
    const error = (await failure(makeClient({ maxRetries: 2 }).sessions.create(create))) as KlerResponseValidationError;
    expect(error).toBeInstanceOf(KlerResponseValidationError);
    expect(error.message).toContain('Kler did act on this POST: do not resend it (see rawBody).');
    expect(JSON.parse(error.rawBody).data.session_id).toBe(docs.sessionApiReference.session_id);
    expect(seen).toHaveLength(1);
  });

  it('null for a session field that only some answers carry parses (pos_terminals, names, labels)', async () => {
    const session = { ...docs.sessionApiReference, pos_terminals: null, name: null, external_event_id: null };
    respondWith(json({ success: true, data: session }));
    await expect(get()).resolves.toMatchObject({ pos_terminals: null, name: null });
  });
});

describe('guards work across copies of the package', () => {
  it('static is() and isKlerError recognise errors by brand, not only by prototype', async () => {
    respondWith(json({ message: 'gone' }, { status: 404 }));
    const real = await failure(get());
    // A structured clone of the error keeps no prototype, as an error from another copy of the
    // SDK would have a different one; the brand is what the guard must rely on.
    const foreign = Object.create(Error.prototype) as Record<PropertyKey, unknown>;
    for (const key of Reflect.ownKeys(real as object)) foreign[key] = (real as Record<PropertyKey, unknown>)[key];
    expect(foreign instanceof KlerNotFoundError).toBe(false);
    expect(KlerNotFoundError.is(foreign)).toBe(true);
    expect(KlerAPIError.is(foreign)).toBe(true);
    expect(isKlerError(foreign)).toBe(true);
    expect(KlerRateLimitError.is(foreign)).toBe(false);
    expect(isKlerError(new Error('plain'))).toBe(false);
    expect(isKlerError(null)).toBe(false);
  });
});
