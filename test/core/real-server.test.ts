import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlerClient, KlerNotFoundError } from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { startLoopback } from '../loopback.js';

/**
 * A hand-written HTTP server that speaks the documented API (no MSW in the path), to show the
 * client works against any real server, over a real socket.
 */
const routes: Record<string, { status: number; data: unknown }> = {
  'POST /v1/sessions': { status: 201, data: docs.sessionApiReference },
  'GET /v1/sessions/3f1e2d9a8b7c': { status: 200, data: docs.sessionApiReference },
  'PATCH /v1/sessions/3f1e2d9a8b7c/close': { status: 200, data: docs.sessionClosed },
  'GET /v1/reconciliation/3f1e2d9a8b7c': { status: 200, data: docs.reconciliation },
  'GET /v1/settlement/3f1e2d9a8b7c': { status: 200, data: docs.settlement },
};

let server: Awaited<ReturnType<typeof startLoopback>>;
const received: { route: string; apiKey: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = await startLoopback((req, res, body) => {
    const route = `${req.method} ${req.url}`;
    received.push({ route, apiKey: req.headers['x-api-key'] as string | undefined, body });
    const answer = routes[route];
    res.setHeader('content-type', 'application/json');
    if (!answer) {
      res.statusCode = 404;
      res.end(JSON.stringify({ success: false, message: `No route ${route}` }));
      return;
    }
    res.statusCode = answer.status;
    res.end(JSON.stringify({ success: true, data: answer.data }));
  });
});
afterAll(() => server.close());

describe('against a real HTTP server', () => {
  it('runs the session lifecycle using only public names', async () => {
    const kler = new KlerClient({ apiKey: 'live-key', baseUrl: server.url });
    const created = await kler.sessions.create({
      external_event_id: 'evt_abc123',
      name: 'Lagos Music Festival 2025',
      collection: { account: true, pos: true, pos_count: 1 },
    });
    const fetched = await kler.sessions.retrieve(created.session_id);
    const reconciliation = await kler.reconciliation.retrieve(created.session_id);
    const settlement = await kler.settlement.retrieve(created.session_id);
    const closed = await kler.sessions.close(created.session_id);

    expect(fetched.name).toBe('Lagos Music Festival 2025');
    expect(reconciliation.successful_count).toBe(47);
    expect(settlement.total_settled).toBe('200000.00');
    expect(closed.status).toBe('closed');
    expect(received.map((r) => r.route)).toEqual([
      'POST /v1/sessions',
      'GET /v1/sessions/3f1e2d9a8b7c',
      'GET /v1/reconciliation/3f1e2d9a8b7c',
      'GET /v1/settlement/3f1e2d9a8b7c',
      'PATCH /v1/sessions/3f1e2d9a8b7c/close',
    ]);
    expect(received.every((r) => r.apiKey === 'live-key')).toBe(true);
    expect(JSON.parse(received[0]?.body ?? '')).toMatchObject({ external_event_id: 'evt_abc123' });
  });

  it('maps a real 404 to KlerNotFoundError with the server message', async () => {
    const kler = new KlerClient({ apiKey: 'live-key', baseUrl: server.url });
    const error = await kler.sessions.retrieve('missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerNotFoundError);
    expect((error as Error).message).toContain('No route GET /v1/sessions/missing');
  });
});
