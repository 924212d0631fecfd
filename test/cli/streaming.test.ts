/**
 * `transactions list --all` writes CSV and JSON as pages arrive (memory stays flat), byte for
 * byte what the buffered printers write, and says so when a failure cuts the output short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/cli/csv.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { TRANSACTION_CSV } from '../../src/cli/views.js';
import { KlerClient, type Transaction } from '../../src/index.js';
import { createKlerMock, type KlerMockServer } from '../../src/testing/index.js';

function fakeIo(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    errIsTTY: false,
    env,
    readFile: () => Promise.reject(new Error('no files here')),
    interrupted: () => new Promise(() => undefined),
  };
  return { io, out, err };
}

let failFrom = Infinity; // requests from this one on answer 500
let requests = 0;
const mock = createKlerMock({
  onCall: () => {
    if (++requests === failFrom) mock.fail('transactions.list', { status: 500 }, { times: Infinity });
  },
});
let server: KlerMockServer;
let env: Record<string, string>;
let big: string;
let empty: string;
let all: Transaction[];

beforeAll(async () => {
  server = await mock.listen();
  env = { KLER_API_KEY: 'k', KLER_BASE_URL: server.url };
  const client = new KlerClient({ apiKey: 'k', baseUrl: server.url });
  const params = { external_event_id: 'e', name: 'n', collection: { account: true, pos: false } };
  big = (await client.sessions.create(params)).session_id;
  empty = (await client.sessions.create(params)).session_id;
  // More than one write batch (200 rows), with names that need CSV quoting.
  for (let i = 1; i <= 450; i++) {
    await mock.simulatePayment(big, { amount: `${i}.00`, channel: 'bank_transfer', sender_name: `Payer, No. ${i}`, webhook: false });
  }
  all = await client.transactions.list({ session_id: big, limit: 100 }).toArray({ max: 1_000 });
});

afterAll(async () => {
  await server.close();
});

describe('transactions list --all', () => {
  it('writes the same CSV as rendering every row at once, in several writes', async () => {
    const run = fakeIo(env);
    expect(await main(['transactions', 'list', big, '--all', '--limit', '100', '--format', 'csv'], run.io)).toBe(0);
    expect(run.out.length).toBeGreaterThan(2);
    expect(run.out.join('')).toBe(renderCsv(TRANSACTION_CSV, all, { bom: true }));
  });

  it('writes the same JSON as JSON.stringify(rows, null, 2)', async () => {
    const run = fakeIo(env);
    expect(await main(['transactions', 'list', big, '--all', '--limit', '100', '--format', 'json'], run.io)).toBe(0);
    expect(run.out.join('')).toBe(`${JSON.stringify(all, null, 2)}\n`);
  });

  it('writes a header alone, or [], for a session without transactions', async () => {
    const csv = fakeIo(env);
    await main(['transactions', 'list', empty, '--all', '--format', 'csv', '--no-bom'], csv.io);
    expect(csv.out.join('')).toBe(renderCsv(TRANSACTION_CSV, [], { bom: false }));
    const json = fakeIo(env);
    await main(['transactions', 'list', empty, '--all', '--format', 'json'], json.io);
    expect(json.out.join('')).toBe('[]\n');
  });

  it('says the output is incomplete when a later page fails', async () => {
    requests = 0;
    failFrom = 1; // the first page answers, every later request fails
    const run = fakeIo(env);
    const code = await main(['transactions', 'list', big, '--all', '--limit', '100', '--format', 'csv', '--base-url', server.url], {
      ...run.io,
      env: { ...env },
    });
    mock.clearFaults();
    failFrom = Infinity;
    expect(code).toBe(1);
    expect(run.err.join('')).toMatch(/The CSV output is incomplete: it stops after 100 transactions\.\n$/);
    expect(run.out.join('').split('\r\n').length - 2).toBe(100); // header + 100 rows + the final empty piece
  });
});
