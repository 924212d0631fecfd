import { describe, expect, it } from 'vitest';
import { KlerInvalidParamsError } from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { makeClient, okJson, respondWith } from '../helpers.js';

describe('ids can never reach another route', () => {
  it.each([
    ['a/b', '/v1/sessions/a%2Fb'],
    ['../../admin', '/v1/sessions/..%2F..%2Fadmin'],
    ['x?limit=1000', '/v1/sessions/x%3Flimit%3D1000'],
    ['x#frag', '/v1/sessions/x%23frag'],
    ['%2e%2e', '/v1/sessions/%252e%252e'],
    ['sess 1', '/v1/sessions/sess%201'],
  ])('retrieve(%j) requests %s', async (id, expectedPath) => {
    const seen = respondWith(okJson(docs.sessionQuickstart));
    await makeClient().sessions.retrieve(id);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url.pathname).toBe(expectedPath);
    expect(seen[0]?.url.search).toBe('');
  });

  it('close keeps the encoded id inside its own segment', async () => {
    const seen = respondWith(okJson(docs.sessionClosed));
    await makeClient().sessions.close('a/../../b');
    expect(seen[0]?.url.pathname).toBe('/v1/sessions/a%2F..%2F..%2Fb/close');
  });

  it.each(['', '   ', '.', '..'])('rejects the id %j before sending anything', async (id) => {
    const seen = respondWith(okJson(docs.sessionQuickstart));
    const error = await makeClient().sessions.retrieve(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInvalidParamsError);
    expect((error as KlerInvalidParamsError).field).toBe('sessionId');
    expect(seen).toHaveLength(0);
  });

  it.each(['.', '..', ''])('a parallel list of session %j is refused before its closed-session check goes anywhere', async (id) => {
    const seen = respondWith(okJson(docs.sessionClosed));
    const error = await (async () => {
      for await (const _ of makeClient().transactions.list({ session_id: id }, { concurrency: 2 })) break;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInvalidParamsError);
    expect(seen.map((request) => request.url.pathname)).toEqual([]);
  });
});
