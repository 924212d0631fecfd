/**
 * A server echoing the API key in a response header (a debugging proxy, a misconfigured
 * gateway) must not leak it through `err.headers`, `requestId`, or any rendering of the error.
 */
import { inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KlerAPIError } from '../../src/index.js';
import { API_KEY, makeClient, respondWith } from '../helpers.js';

describe('an API key echoed in response headers', () => {
  it.each([400, 429, 503])('is scrubbed from a %i error: headers, requestId, message, JSON and inspect', async (code) => {
    respondWith(
      () =>
        new HttpResponse(JSON.stringify({ message: 'no' }), {
          status: code,
          headers: { 'content-type': 'application/json', 'x-request-id': `req_${API_KEY}`, 'x-echo-api-key': API_KEY },
        }),
    );
    const error = (await makeClient({ maxRetries: 0 }).sessions.retrieve('s').catch((e: unknown) => e)) as KlerAPIError;
    expect(KlerAPIError.is(error)).toBe(true);
    expect(error.requestId).toBe('req_[redacted]');
    expect(error.headers.get('x-echo-api-key')).toBe('[redacted]');
    for (const [, value] of error.headers) expect(value).not.toContain(API_KEY);
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain(API_KEY);
    }
  });
});
