/**
 * A redirect is never followed: fetch would turn a POST into a GET (a create "succeeding" with
 * whatever the new address returns), or resend it, and would carry the x-api-key header to any
 * origin. Real servers on loopback, since MSW does not model redirects at the socket level.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KlerAPIError, KlerClient } from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { API_KEY } from '../helpers.js';
import { startLoopback } from '../loopback.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Another origin that would answer anything with a session, recording the key it was sent. */
async function elsewhere() {
  const keys: (string | undefined)[] = [];
  const server = await startLoopback((req, res) => {
    keys.push(req.headers['x-api-key'] as string | undefined);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, data: docs.sessionQuickstart }));
  });
  closers.push(server.close);
  return { url: server.url, keys, server };
}

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])('a %i on POST is a KlerAPIError; nothing reaches the new address', async (status) => {
    const target = await elsewhere();
    const origin = await startLoopback((_req, res) => res.writeHead(status, { location: `${target.url}/sessions` }).end());
    closers.push(origin.close);
    const kler = new KlerClient({ apiKey: API_KEY, baseUrl: origin.url });
    const error = await kler.sessions
      .create({ external_event_id: 'evt_1', name: 'Gig', collection: { account: true, pos: false } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerAPIError);
    expect((error as KlerAPIError).status).toBe(status);
    expect((error as Error).message).toContain('Redirects are not followed: check baseUrl.');
    expect(origin.requests).toBe(1);
    expect(target.keys).toEqual([]);
  });

  it('a redirect on GET is not followed or retried, and the key stays home', async () => {
    const target = await elsewhere();
    const origin = await startLoopback((_req, res) => res.writeHead(302, { location: `${target.url}/sessions/s` }).end());
    closers.push(origin.close);
    const error = await new KlerClient({ apiKey: API_KEY, baseUrl: origin.url }).sessions.retrieve('s').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KlerAPIError', status: 302 });
    expect(origin.requests).toBe(1);
    expect(target.keys).toEqual([]);
  });
});
