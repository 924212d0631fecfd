import { describe, expect, it } from 'vitest';
import * as docs from '../fixtures/documented.js';
import { API_KEY, makeClient, okJson, respondWith } from '../helpers.js';

const validCreate = {
  external_event_id: 'evt_abc123',
  name: 'Lagos Music Festival 2025',
  collection: { account: true, pos: true, pos_count: 1 },
  webhook_url: 'https://tickets.example.com/kler/webhooks',
  metadata: { zone: 'VIP' },
};

describe('the requests each method sends', () => {
  it('sessions.create POSTs the params as JSON with the API key and SDK headers', async () => {
    const seen = respondWith(okJson(docs.sessionApiReference, 201));
    const session = await makeClient().sessions.create(validCreate);

    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req?.method).toBe('POST');
    expect(req?.url.pathname).toBe('/v1/sessions');
    expect(req?.headers.get('x-api-key')).toBe(API_KEY);
    expect(req?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(req?.headers.get('x-kler-sdk')).toMatch(/^@kler\/sdk@\d+\.\d+\.\d+/);
    expect(req?.headers.get('user-agent')).toMatch(/^kler-sdk-js\//);
    expect(req?.body).toEqual(validCreate);
    expect(session.session_id).toBe('3f1e2d9a8b7c');
    expect(session.collection_account?.account_number).toBe('1234567890');
    expect(session.pos_terminals?.[0]?.terminal_id).toBe('pos_3f1e2d_001');
  });

  it('sessions.retrieve GETs /v1/sessions/:id with no body', async () => {
    const seen = respondWith(okJson(docs.sessionQuickstart));
    const session = await makeClient().sessions.retrieve('sess_01HZX');
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url.pathname).toBe('/v1/sessions/sess_01HZX');
    expect(seen[0]?.body).toBeUndefined();
    expect(session.status).toBe('active');
    expect(session.name).toBeUndefined();
  });

  it('sessions.close PATCHes /v1/sessions/:id/close and accepts the short answer the docs show', async () => {
    const seen = respondWith(okJson(docs.sessionClosed));
    const session = await makeClient().sessions.close('3f1e2d9a8b7c');
    expect(seen[0]?.method).toBe('PATCH');
    expect(seen[0]?.url.pathname).toBe('/v1/sessions/3f1e2d9a8b7c/close');
    expect(session).toEqual({ session_id: '3f1e2d9a8b7c', status: 'closed' });
  });

  it('reconciliation.retrieve GETs /v1/reconciliation/:session_id', async () => {
    const seen = respondWith(okJson(docs.reconciliation));
    const rec = await makeClient().reconciliation.retrieve('3f1e2d9a8b7c');
    expect(seen[0]?.url.pathname).toBe('/v1/reconciliation/3f1e2d9a8b7c');
    expect(rec.total_inflow).toBe('245000.00');
    expect(rec.by_terminal?.['pos_3f1e2d_002']).toEqual({ count: 9, total: '55000.00' });
  });

  it('settlement.retrieve GETs /v1/settlement/:session_id', async () => {
    const seen = respondWith(okJson(docs.settlement));
    const settlement = await makeClient().settlement.retrieve('3f1e2d9a8b7c');
    expect(seen[0]?.url.pathname).toBe('/v1/settlement/3f1e2d9a8b7c');
    expect(settlement.by_date['2025-08-02']).toEqual({ count: 15, total: '75000.00' });
  });

  it('per-request headers are sent, but cannot replace the API key', async () => {
    const seen = respondWith(okJson(docs.sessionQuickstart));
    await makeClient().sessions.retrieve('sess_01HZX', {
      headers: { 'x-trace-id': 'abc', 'x-api-key': 'someone-else' },
    });
    expect(seen[0]?.headers.get('x-trace-id')).toBe('abc');
    expect(seen[0]?.headers.get('x-api-key')).toBe(API_KEY);
  });

  it('a baseUrl with a trailing slash reaches the same paths', async () => {
    const seen = respondWith(okJson(docs.sessionQuickstart));
    await makeClient({ baseUrl: 'https://api.kler.test/v1/' }).sessions.retrieve('sess_01HZX');
    expect(seen[0]?.url.pathname).toBe('/v1/sessions/sess_01HZX');
  });
});
