/**
 * The examples run, not only type-check: each is driven as its header says, in its own Node
 * process, against the built package (`@kler/sdk` resolves to `dist/` inside this repo), with
 * deliveries signed by `signWebhook` and a mock Kler on loopback. Needs `npm run build`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { createKlerMock } from '../../src/testing/index.js';
import { BUILT, driveReceiver, expectVerifiedThenDedupedThenRejected, node, ROOT } from './drive.js';

describe.skipIf(!BUILT)('the webhook receiver examples verify, do the work once, and reject a forgery', () => {
  it('examples/webhooks-express.ts', async () => {
    const { answers, logs } = await driveReceiver(`
const { app, worker } = await import('./examples/webhooks-express.ts');
const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
const url = 'http://127.0.0.1:' + server.address().port + '/webhooks/kler';
const send = async (body, headers) => {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, body: await response.text() };
};
done = async () => { await worker.stop(); await new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }); };
`);
    expectVerifiedThenDedupedThenRejected(answers, 202);
    expect(logs).toContain('issue tickets for 5000.00 NGN (txn_01) in sess_01HZX [transaction:txn_01:successful]');
    expect(logs.filter((line) => line.startsWith('issue tickets'))).toHaveLength(1);
  });

  it('examples/webhooks-fastify.ts', async () => {
    const { answers, logs } = await driveReceiver(`
const { app } = await import('./examples/webhooks-fastify.ts');
const send = async (body, headers) => {
  const response = await app.inject({ method: 'POST', url: '/webhooks/kler', payload: body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.statusCode, body: response.body };
};
done = () => app.close();
`);
    expectVerifiedThenDedupedThenRejected(answers);
    expect(logs).toEqual(['issue tickets for txn_01 (5000.00)']);
  });

  it('examples/webhooks-hono-cloudflare.ts (the Queue binding faked; its own KlerWebhookStoreObject behind a fake namespace)', async () => {
    const { answers, logs } = await driveReceiver(`
const { default: app, KlerWebhookStoreObject } = await import('./examples/webhooks-hono-cloudflare.ts');
// What the Workers runtime gives the object: storage (here a sorted Map), one request at a time.
const data = new Map();
const storage = {
  async get(key) { return structuredClone(data.get(key)); },
  async put(entries) { for (const [k, v] of Object.entries(entries)) data.set(k, structuredClone(v)); },
  async delete(keys) { return keys.filter((k) => data.delete(k)).length; },
  async list({ prefix, end, limit = Infinity }) {
    const keys = [...data.keys()].filter((k) => k.startsWith(prefix) && (end === undefined || k < end)).sort().slice(0, limit);
    return new Map(keys.map((k) => [k, structuredClone(data.get(k))]));
  },
};
const objects = new Map();
let gate = Promise.resolve();
const KLER_WEBHOOKS = {
  idFromName: (name) => name,
  get: (id) => ({
    fetch: (url, init) => {
      if (!objects.has(id)) objects.set(id, new KlerWebhookStoreObject({ storage }));
      const answer = gate.then(() => objects.get(id).fetch(new Request(url, init)));
      gate = answer.catch(() => undefined);
      return answer;
    },
  }),
};
const queued = [];
const env = { KLER_WEBHOOK_SECRET: secret, KLER_WEBHOOKS, TICKET_JOBS: { send: async (event) => { queued.push(event.data.id); } } };
const send = async (body, headers) => {
  const response = await app.fetch(new Request('https://worker.example/webhooks/kler', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }), env);
  return { status: response.status, body: await response.text() };
};
done = () => logs.push('queue: ' + queued.join(','), 'objects: ' + [...objects.keys()].join(','), 'done in the object: ' + data.get('r:transaction:txn_01:successful')?.s);
`);
    expectVerifiedThenDedupedThenRejected(answers);
    expect(logs).toEqual(['queued txn_01 (5000.00)', 'queue: txn_01', 'objects: kler-webhooks', 'done in the object: d']);
  });

  // examples/webhooks-nextjs.ts runs on a real PostgreSQL in the engine suite (test/engines/examples.spec.ts).
});

describe.skipIf(!BUILT)('examples/reconcile-event.ts against a mock Kler', () => {
  const mock = createKlerMock();
  let url: string;
  let close: () => Promise<void>;
  let dir: string;
  let sessionId: string;
  let paid: { id: string; amount: string }[];

  beforeAll(async () => {
    ({ url, close } = await mock.listen());
    dir = await mkdtemp(join(tmpdir(), 'kler-example-'));
    const kler = new KlerClient({ apiKey: 'sk_test_example', baseUrl: url });
    const session = await kler.sessions.create({ external_event_id: 'evt_ex', name: 'Example night', collection: { account: true, pos: false } });
    sessionId = session.session_id;
    paid = [];
    for (const amount of ['5000.00', '2500.50']) {
      const { transaction } = await mock.simulatePayment(sessionId, { amount, channel: 'bank_transfer' });
      paid.push({ id: transaction.id, amount: transaction.amount });
    }
  });

  afterAll(async () => {
    await close?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const reconcile = async (rows: { id: string; amount: string }[]) => {
    const file = join(dir, `credited-${rows.length}.csv`);
    await writeFile(file, ['transaction_id,amount', ...rows.map((r) => `${r.id},${r.amount}`)].join('\n'));
    return node(['examples/reconcile-event.ts', sessionId, file], { KLER_API_KEY: 'sk_test_example', KLER_BASE_URL: url });
  };

  it('exits 0 when every payment was credited', async () => {
    const run = await reconcile(paid);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('You credited 7500.50; Kler received 7500.50 in successful payments.');
    expect(run.stdout).toContain('Everything agrees, to the kobo.');
    expect(run.code).toBe(0);
  });

  it('exits 1 and lists the payment that was never credited', async () => {
    const run = await reconcile(paid.slice(0, 1));
    expect(run.stdout).toContain('1 paid but never credited (2500.50):');
    expect(run.stdout).toContain(paid[1]!.id);
    expect(run.code).toBe(1);
  });

  // Last: it closes the session the cases above read open.
  it('reads a closed session 4 pages at a time, and reports the same', async () => {
    const open = await reconcile(paid);
    expect(open.stdout).not.toContain('pages read 4 at a time');
    await new KlerClient({ apiKey: 'sk_test_example', baseUrl: url }).sessions.close(sessionId);
    const closed = await reconcile(paid);
    expect(closed.stdout).toContain('(closed session: pages read 4 at a time)');
    // The same report, but for the summary's own time (Kler computes it at each request).
    const report = (out: string) => out.split('\n').filter((line) => !line.startsWith('Session ') && !line.startsWith('(closed session'));
    expect(report(closed.stdout)).toEqual(report(open.stdout));
    expect(closed.stdout).toContain('Everything agrees, to the kobo.');
    expect(closed.code).toBe(0);
  });

  it('exits 2 with its usage line when arguments are missing', async () => {
    const run = await node(['examples/reconcile-event.ts']);
    expect(run.stderr).toContain('usage: node examples/reconcile-event.ts <session_id> <credited.csv>');
    expect(run.code).toBe(2);
  });
});

describe.skipIf(!BUILT)('examples/export-workbook.ts against a mock Kler', () => {
  it('writes a workbook whose amounts add up to the reconciliation, to the kobo', async () => {
    const mock = createKlerMock();
    const { url, close } = await mock.listen();
    const dir = await mkdtemp(join(tmpdir(), 'kler-example-'));
    try {
      const kler = new KlerClient({ apiKey: 'k', baseUrl: url });
      const { session_id } = await kler.sessions.create({ external_event_id: 'e', name: 'n', collection: { account: true, pos: false } });
      for (const amount of ['5000.00', '2500.55', '0.10']) await mock.simulatePayment(session_id, { amount, channel: 'bank_transfer' });
      await mock.simulatePayment(session_id, { amount: '999.99', channel: 'card', status: 'failed' });
      const file = join(dir, 'payments.xlsx');
      const run = await node(['examples/export-workbook.ts', session_id, file], { KLER_API_KEY: 'k', KLER_BASE_URL: url });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`Wrote 4 transactions to ${file}; successful payments total 7500.65, as Kler's summary says.\n`);
      const [sheet] = await readExcelFile(file, { parseNumber: (text: string) => text });
      expect(sheet!.sheet).toBe('Transactions');
      expect(sheet!.data.slice(1).map((row) => row[2])).toEqual(['999.99', '0.1', '2500.55', '5000']);
    } finally {
      await close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!BUILT)('examples/testing-with-msw.ts', () => {
  it('passes as the vitest suite it is', async () => {
    // Its own vitest run, without this suite's MSW setup (the example starts its own server).
    const run = await node([join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/examples/vitest.config.ts'], {
      KLER_BASE_URL: 'http://127.0.0.1:9/v1', // a stray shell setting must not reach the example's client
    });
    const output = (run.stdout + run.stderr).replace(/\x1b\[[\d;]*m/g, '');
    expect(output).toMatch(/Tests\s+4 passed \(4\)/);
    expect(run.code).toBe(0);
  });
});
