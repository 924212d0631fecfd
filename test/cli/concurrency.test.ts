/**
 * `--concurrency`: a closed session's pages read several at a time by `kler transactions list
 * --all`, `kler export` and `kler reconcile --audit` — the same output as sequential reads — and
 * an open session refused with exit 2 and one line saying it must be closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/index.js';
import { createKlerMock, type KlerMockServer } from '../../src/testing/index.js';
import { kler } from './run.js';

const mock = createKlerMock({ apiKey: 'sk_cli', now: () => new Date('2025-08-01T18:32:00.000Z') });
let server: KlerMockServer;
let env: Record<string, string>;
let closed: string;
let open: string;
const PAYMENTS = 23;

beforeAll(async () => {
  server = await mock.listen();
  env = { KLER_API_KEY: 'sk_cli', KLER_BASE_URL: server.url };
  const client = new KlerClient({ apiKey: 'sk_cli', baseUrl: server.url });
  const create = async (id: string) =>
    (await client.sessions.create({ external_event_id: id, name: `Night ${id}`, collection: { account: true, pos: false } })).session_id;
  closed = await create('evt_closed');
  open = await create('evt_open');
  for (let i = 1; i <= PAYMENTS; i++) {
    await mock.simulatePayment(closed, { amount: `${1000 + i}.00`, channel: 'bank_transfer', status: i % 5 === 0 ? 'failed' : 'successful' });
  }
  await mock.simulatePayment(open, { amount: '500.00', channel: 'bank_transfer' });
  await client.sessions.close(closed);
});

afterAll(async () => {
  await server.close();
});

describe('--concurrency on a closed session', () => {
  it('kler transactions list --all prints the same rows in the same order as without it', async () => {
    const args = ['transactions', 'list', closed, '--all', '--limit', '5', '--format', 'csv'];
    const sequential = await kler(args, env);
    const parallel = await kler([...args, '--concurrency', '4'], env);
    expect([parallel.code, parallel.stderr]).toEqual([0, '']);
    expect(sequential.code).toBe(0);
    const lines = parallel.stdout.trimEnd().split('\r\n');
    expect(lines).toHaveLength(PAYMENTS + 1);
    // Newest first: the 23rd payment (1023.00) heads the list, the first (1001.00) ends it.
    expect(lines[1]).toContain(',1023.00,');
    expect(lines.at(-1)).toContain(',1001.00,');
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(PAYMENTS + 1);
    expect(parallel.stdout).toBe(sequential.stdout);
    // And it did read in parallel: the pages requested (offsets in the debug log, on stderr) are
    // the plain 5-row steps of a list that no longer moves, not the overlapping ones of
    // sequential reads. The log never mixes into the CSV on stdout.
    const offsets = (log: string) => [...log.matchAll(/\[kler\] GET \/v1\/transactions .*offset=(\d+)/g)].map((m) => Number(m[1]));
    const debug = { ...env, KLER_LOG: 'debug' };
    const parallelLog = await kler([...args, '--concurrency', '4'], debug);
    expect(offsets(parallelLog.stderr).sort((a, b) => a - b).slice(0, 5)).toEqual([0, 5, 10, 15, 20]);
    expect(parallelLog.stdout).toBe(sequential.stdout);
    const sequentialLog = await kler(args, debug);
    expect(offsets(sequentialLog.stderr).slice(0, 3)).not.toEqual([0, 5, 10]);
    expect(sequentialLog.stdout).toBe(sequential.stdout);
  });

  it('kler export writes the same statement, and kler reconcile --audit the same report', async () => {
    const exportArgs = ['export', closed, '--format', 'xero', '--limit', '4'];
    const [exported, exportedParallel] = [await kler(exportArgs, env), await kler([...exportArgs, '--concurrency', '8'], env)];
    expect([exportedParallel.code, exportedParallel.stderr]).toEqual([0, '']);
    expect(exportedParallel.stdout.trimEnd().split('\n')).toHaveLength(1 + PAYMENTS - Math.floor(PAYMENTS / 5));
    expect(exportedParallel.stdout).toBe(exported.stdout);

    const auditArgs = ['reconcile', closed, '--audit', '--format', 'json'];
    const [audit, auditParallel] = [await kler(auditArgs, env), await kler([...auditArgs, '--concurrency', '3'], env)];
    expect([auditParallel.code, auditParallel.stderr]).toEqual([0, '']);
    expect(JSON.parse(auditParallel.stdout)).toMatchObject({ consistent: true, transactions_counted: PAYMENTS });
    expect(auditParallel.stdout).toBe(audit.stdout);
  });
});

describe('--concurrency on a session that is not closed', () => {
  const refusal = new RegExp(
    `^kler: --concurrency needs a closed session, and session ${'SID'} is "active": close it first \\(kler sessions close ${'SID'}\\), or leave --concurrency out`,
  );
  const expectRefused = (result: { code: number; stdout: string; stderr: string }) => {
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [first, second, ...more] = result.stderr.trimEnd().split('\n');
    expect(first).toMatch(new RegExp(refusal.source.replaceAll('SID', open)));
    expect(second).toMatch(/^Run 'kler .*--help' for usage\.$/);
    expect(more).toEqual([]);
  };

  it.each([
    ['transactions list --all', () => ['transactions', 'list', open, '--all', '--format', 'csv', '--concurrency', '4']],
    ['export', () => ['export', open, '--format', 'quickbooks', '--concurrency', '4']],
    ['reconcile --audit', () => ['reconcile', open, '--audit', '--concurrency', '4']],
  ])('kler %s exits 2 with one line saying the session must be closed, and writes nothing', async (_name, args) => {
    expectRefused(await kler(args(), env));
  });

  it('reads it sequentially, as always, without --concurrency (or with --concurrency 1)', async () => {
    const result = await kler(['transactions', 'list', open, '--all', '--format', 'csv', '--concurrency', '1'], env);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout.trimEnd().split('\r\n')).toHaveLength(2);
  });
});
