/**
 * kler.operators: add, list, and list an operator's transactions (served by MSW).
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { KlerConnectionError, KlerInternalServerError, KlerInvalidParamsError } from '../../src/core/errors.js';
import { ok, operator, transaction } from '../fixtures/documented.js';
import { BASE_URL, server } from '../msw-server.js';

const kler = new KlerClient({ apiKey: 'test_key', baseUrl: BASE_URL, maxRetries: 2 });

describe('operators.create', () => {
  it('POSTs the operator and returns what Kler answers with 201', async () => {
    const sent: { path: string; body: unknown; key: string | null }[] = [];
    server.use(
      http.post(`${BASE_URL}/sessions/:id/operators`, async ({ request }) => {
        sent.push({ path: new URL(request.url).pathname, body: await request.json(), key: request.headers.get('x-api-key') });
        return HttpResponse.json(ok(operator), { status: 201 });
      }),
    );
    const created = await kler.operators.create('3f1e2d9a8b7c', { name: 'Amina Bello', phone: '08012345678' });
    expect(created).toEqual(operator);
    expect(sent).toEqual([
      { path: '/v1/sessions/3f1e2d9a8b7c/operators', body: { name: 'Amina Bello', phone: '08012345678' }, key: 'test_key' },
    ]);
  });

  it('leaves role out so Kler applies its default, and sends a given role', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE_URL}/sessions/:id/operators`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(ok(operator), { status: 201 });
      }),
    );
    await kler.operators.create('s1', { name: 'Amina Bello' });
    await kler.operators.create('s1', { name: 'Tunde', role: 'supervisor' });
    expect(bodies).toEqual([{ name: 'Amina Bello' }, { name: 'Tunde', role: 'supervisor' }]);
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: '  ' }, 'name'],
    [{ name: 'Amina', email: 'not-an-email' }, 'email'],
    [{ name: 'Amina', role: '' }, 'role'],
  ])('refuses %j (field %s) before sending anything', async (params, field) => {
    const error = await kler.operators.create('s1', params as { name: string }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInvalidParamsError);
    expect((error as KlerInvalidParamsError).field).toBe(field);
  });

  it('refuses an empty session id before sending anything', async () => {
    await expect(kler.operators.create('', { name: 'Amina' })).rejects.toBeInstanceOf(KlerInvalidParamsError);
  });

  it('is not retried after a 500, since Kler may have added the operator', async () => {
    let attempts = 0;
    server.use(
      http.post(`${BASE_URL}/sessions/:id/operators`, () => {
        attempts++;
        return HttpResponse.json({ message: 'boom' }, { status: 500 });
      }),
    );
    await expect(kler.operators.create('s1', { name: 'Amina' })).rejects.toBeInstanceOf(KlerInternalServerError);
    expect(attempts).toBe(1);
  });

  it('reports a dropped connection as possibly processed', async () => {
    server.use(http.post(`${BASE_URL}/sessions/:id/operators`, () => HttpResponse.error()));
    const error = await kler.operators.create('s1', { name: 'Amina' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerConnectionError);
    expect((error as KlerConnectionError).mayHaveBeenProcessed).toBe(true);
  });
});

describe('operators.list', () => {
  it("returns the session's operators", async () => {
    const second = { ...operator, id: 'op_02', name: 'Tunde', role: 'supervisor', email: 'tunde@example.com' };
    server.use(http.get(`${BASE_URL}/sessions/:id/operators`, () => HttpResponse.json(ok([operator, second]))));
    const operators = await kler.operators.list('3f1e2d9a8b7c');
    expect(operators.map((o) => [o.id, o.name, o.role])).toEqual([
      ['op_01', 'Amina Bello', 'cashier'],
      ['op_02', 'Tunde', 'supervisor'],
    ]);
  });

  it('returns an empty array for a session without operators', async () => {
    server.use(http.get(`${BASE_URL}/sessions/:id/operators`, () => HttpResponse.json(ok([]))));
    expect(await kler.operators.list('s1')).toEqual([]);
  });
});

describe('operators.listTransactions', () => {
  it("returns one operator's transactions, with both ids encoded in the path", async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${BASE_URL}/sessions/:sid/operators/:oid/transactions`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json(ok([transaction, { ...transaction, id: 'txn_02', amount: '2500.50', channel: 'pos' }]));
      }),
    );
    const transactions = await kler.operators.listTransactions('sess/1', 'op 01');
    expect(transactions.map((t) => [t.id, t.amount])).toEqual([
      ['txn_01', '5000.00'],
      ['txn_02', '2500.50'],
    ]);
    expect(paths).toEqual(['/v1/sessions/sess%2F1/operators/op%2001/transactions']);
  });

  it.each([
    ['', 'op_01', 'sessionId'],
    ['s1', '', 'operatorId'],
  ])('refuses session %j / operator %j (field %s) before sending anything', async (sessionId, operatorId, field) => {
    const error = await kler.operators.listTransactions(sessionId, operatorId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerInvalidParamsError);
    expect((error as KlerInvalidParamsError).field).toBe(field);
  });
});
