import { afterEach, describe, expect, it } from 'vitest';
import { createKlerMock, KlerMockError, type KlerMockServer } from '../../src/testing/index.js';
import { server } from '../msw-server.js';
import { clientFor } from './doors.js';
import { startReceiver } from './receiver.js';

const running: KlerMockServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function listen(...args: Parameters<ReturnType<typeof createKlerMock>['listen']>) {
  const mock = createKlerMock({ deliveryBaseDelayMs: 1 });
  const server = await mock.listen(...args);
  running.push(server);
  return { mock, server };
}

const post = async (url: string, body?: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  return { status: res.status, json: (await res.json()) as { success: boolean; data: any; error?: { message: string } } };
};

describe('mock.listen()', () => {
  it('serves on a free loopback port and resolves to the base URL including /v1', async () => {
    const { server } = await listen();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`);
    const session = await clientFor(server.url).sessions.create({
      external_event_id: 'e',
      name: 'n',
      collection: { account: true, pos: false },
    });
    expect(session.status).toBe('active');
  });

  it('serves the same fake as the MSW handlers and the in-process state', async () => {
    const { mock, server } = await listen();
    const session = await clientFor(server.url).sessions.create({ external_event_id: 'e', name: 'n', collection: { account: true, pos: false } });
    expect(mock.sessions.map((s) => s.session_id)).toEqual([session.session_id]);
  });

  it('says which port is taken', async () => {
    const { server } = await listen();
    await expect(listen({ port: server.port })).rejects.toThrow(KlerMockError);
    await expect(listen({ port: server.port })).rejects.toThrow(`Port ${server.port} on 127.0.0.1 is already in use`);
  });

  it('stops answering after close()', async () => {
    const mock = createKlerMock();
    const server = await mock.listen();
    await server.close();
    await expect(fetch(`${server.url}/sessions/x`)).rejects.toThrow();
  });

  it('lets another process drive the fake through /_mock control routes', async () => {
    const receiver = await startReceiver(200);
    const { mock, server } = await listen();
    const root = server.url.replace(/\/v1$/, '');
    const kler = clientFor(server.url);
    const session = await kler.sessions.create({
      external_event_id: 'e',
      name: 'n',
      collection: { account: true, pos: true, pos_count: 2 },
      webhook_url: receiver.url,
    });

    const info = await fetch(`${root}/_mock`).then((r) => r.json() as Promise<{ data: { webhook_secret: string } }>);
    expect(info.data.webhook_secret).toBe(mock.webhookSecret);

    const paid = await post(`${root}/_mock/sessions/${session.session_id}/payments`, { amount: '2500.00', channel: 'pos' });
    expect(paid.status).toBe(201);
    expect(paid.json.data.transaction).toMatchObject({ amount: '2500.00', channel: 'pos', status: 'successful' });
    expect(paid.json.data.delivery).toMatchObject({ delivered: true, attempts: 1 });
    expect(receiver.received).toHaveLength(1);

    const redelivered = await post(`${root}/_mock/transactions/${paid.json.data.transaction.id}/redeliver`);
    expect(redelivered.json.data).toMatchObject({ delivered: true, webhookId: paid.json.data.delivery.webhookId });

    const settled = await post(`${root}/_mock/sessions/${session.session_id}/settle`, { at: '2025-08-02T10:00:00.000Z' });
    expect(settled.json.data).toHaveLength(1);
    expect((await kler.settlement.retrieve(session.session_id)).by_date).toEqual({ '2025-08-02': { count: 1, total: '2500.00' } });

    const refused = await post(`${root}/_mock/sessions/${session.session_id}/payments`, { amount: 'abc', channel: 'pos' });
    expect(refused.status).toBe(400);
    expect(refused.json.error?.message).toMatch(/decimal string/);
    expect((await post(`${root}/_mock/sessions/nope/payments`, { amount: '1.00', channel: 'ussd' })).status).toBe(404);

    expect((await post(`${root}/_mock/reset`)).status).toBe(200);
    expect(mock.sessions).toEqual([]);
  });
});

describe('createKlerMock options', () => {
  it('refuses a base URL that is not absolute', () => {
    expect(() => createKlerMock({ baseUrl: 'api.kler.test' })).toThrow(/absolute URL/);
  });

  it('answers MSW requests under a custom base URL', async () => {
    const mock = createKlerMock({ baseUrl: 'https://kler.internal/proxy/v1/' });
    expect(mock.baseUrl).toBe('https://kler.internal/proxy/v1');
    server.use(...mock.handlers);
    const session = await clientFor('https://kler.internal/proxy/v1').sessions.create({
      external_event_id: 'e',
      name: 'n',
      collection: { account: true, pos: false },
    });
    expect(mock.calls.map((c) => c.path)).toEqual(['/proxy/v1/sessions']);
    expect(mock.session(session.session_id)?.status).toBe('active');
  });
});
