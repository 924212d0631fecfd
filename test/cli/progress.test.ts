/**
 * Long reads show a progress line on stderr only when it is a terminal (rows, pages, rate,
 * elapsed), redrawn in place and erased at the end; piped, stderr stays empty. Ctrl-C stops the
 * read, keeps what was written and says where it stops, with exit code 130. The terminal cases
 * run the built command under a real pseudo-terminal.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressText } from '../../src/cli/progress.js';
import { KlerClient } from '../../src/index.js';
import { createKlerMock, type KlerMockServer } from '../../src/testing/index.js';
import { CLI, kler } from './run.js';
import { underTerminal } from './terminal.js';

/** Called on each request the mock answers; a test sets it to act a few pages into a read. */
let onList: (() => void) | undefined;
const mock = createKlerMock({ onCall: (call) => call.route === 'transactions.list' && onList?.() });
let server: KlerMockServer;
let env: Record<string, string>;
let sid: string;
let dir: string;

beforeAll(async () => {
  server = await mock.listen();
  env = { KLER_API_KEY: 'k', KLER_BASE_URL: server.url };
  const client = new KlerClient({ apiKey: 'k', baseUrl: server.url });
  sid = (await client.sessions.create({ external_event_id: 'e', name: 'n', collection: { account: true, pos: false } })).session_id;
  for (let i = 1; i <= 60; i++) await mock.simulatePayment(sid, { amount: `${i}.00`, channel: 'ussd', webhook: false });
  dir = await mkdtemp(join(tmpdir(), 'kler-progress-'));
});

afterAll(async () => {
  await server.close();
});

/** Slow pages, so a run lasts long enough to redraw and to be interrupted. */
function slowPages(delayMs: number): void {
  mock.fail('transactions.list', { delayMs }, { times: Infinity });
}

/** The progress lines drawn on a screen, in order. */
const drawn = (screen: string) => [...screen.matchAll(/\r(Fetched|Exported|Audited) ([\d,]+) transactions · (\d+) pages? ·[^\r\u001b]*\u001b\[K/g)];

describe('the progress line', () => {
  it('says rows, pages, rate and elapsed time', () => {
    expect(progressText(12_345, 124, 4_000, { verb: 'Exported', noun: 'transactions' })).toBe(
      'Exported 12,345 transactions · 124 pages · 3,086/s · 0:04',
    );
    expect(progressText(1, 1, 100, { verb: 'Fetched', noun: 'transactions' })).toBe('Fetched 1 transactions · 1 page · 0:00');
    expect(progressText(7, undefined, 3_725_000, { verb: 'Audited', noun: 'rows' })).toBe('Audited 7 rows · 0/s · 1:02:05');
  });

  it('is redrawn on a terminal during transactions list --all, then erased; the output is complete', async () => {
    slowPages(40);
    const out = join(dir, 'all.csv');
    const run = await underTerminal(['transactions', 'list', sid, '--all', '--limit', '5', '--format', 'csv'], env, { redirect: out });
    mock.clearFaults();
    expect(run.code).toBe(0);
    const lines = drawn(run.screen);
    expect(lines.length).toBeGreaterThan(1);
    const rows = lines.map((m) => Number(m[2]!.replace(/,/g, '')));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(Number(lines.at(-1)![3])).toBeGreaterThan(1);
    expect(run.screen.endsWith('\r\u001b[K')).toBe(true);
    expect((await readFile(out, 'utf8')).trim().split('\r\n')).toHaveLength(61);
  });

  it('is drawn for reconcile --audit and export too', async () => {
    slowPages(40);
    const audit = await underTerminal(['reconcile', sid, '--audit', '--format', 'json'], env, { redirect: join(dir, 'audit.json') });
    const exported = await underTerminal(['export', sid, '--format', 'xero', '--limit', '10'], env, { redirect: join(dir, 'x.csv') });
    mock.clearFaults();
    expect([audit.code, exported.code]).toEqual([0, 0]);
    expect(drawn(audit.screen)[0]?.[1]).toBe('Audited');
    expect(drawn(exported.screen)[0]?.[1]).toBe('Exported');
  });

  it('is not written when stderr is a pipe', async () => {
    const list = await kler(['transactions', 'list', sid, '--all', '--limit', '10', '--format', 'csv'], env);
    const audit = await kler(['reconcile', sid, '--audit'], env);
    const exported = await kler(['export', sid, '--format', 'quickbooks'], env);
    expect([list.code, audit.code, exported.code]).toEqual([0, 0, 0]);
    expect([list.stderr, audit.stderr, exported.stderr]).toEqual(['', '', '']);
  });
});

describe('Ctrl-C during a long read', () => {
  it('on a terminal: stops, erases the progress line, says where the CSV stops, exits 130', async () => {
    slowPages(150);
    const out = join(dir, 'stopped.csv');
    const run = await underTerminal(['transactions', 'list', sid, '--all', '--limit', '5', '--format', 'csv', '--no-bom'], env, {
      redirect: out,
      interruptWhen: /Fetched ([1-9]\d*) transactions/,
    });
    mock.clearFaults();
    expect(run.code).toBe(130);
    const said = /Interrupted: the CSV output stops after (\d+) transactions \(the last is (txn_\w+)\)\.\r?\n/.exec(run.screen);
    expect(said).not.toBeNull();
    const lines = (await readFile(out, 'utf8')).trim().split('\r\n');
    expect(lines.length - 1).toBe(Number(said![1]));
    expect(lines.at(-1)!.startsWith(`${said![2]},`)).toBe(true);
    expect(Number(said![1])).toBeLessThan(60);
  });

  it('during export --output: removes the partial file and says how far it got', async () => {
    slowPages(150);
    const out = join(dir, 'stopped.xlsx');
    const run = await underTerminal(['export', sid, '--limit', '5', '--output', out], env, { interruptWhen: /Exported ([1-9]\d*) transactions/ });
    mock.clearFaults();
    expect(run.code).toBe(130);
    expect(run.screen).toMatch(
      /Interrupted after reading \d+ transactions \(the last is txn_\w+\): no file was written \(the partial .*stopped\.xlsx was removed\)\.\r?\n/,
    );
    expect([existsSync(out), existsSync(`${out}.partial`)]).toEqual([false, false]);
  });

  it('piped: the same line on stderr, nothing else, exit 130', async () => {
    slowPages(150);
    const child = spawn(process.execPath, [CLI, 'transactions', 'list', sid, '--all', '--limit', '5', '--format', 'csv'], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Rows are written in batches, so nothing shows on stdout yet: interrupt a few pages in.
    let pages = 0;
    onList = () => void (++pages === 3 && child.kill('SIGINT'));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    onList = undefined;
    mock.clearFaults();
    expect(code).toBe(130);
    expect(stderr).toMatch(/^Interrupted: the CSV output stops after \d+ transactions \(the last is txn_\w+\)\.\n$/);
    const rows = Number(/after (\d+)/.exec(stderr)![1]);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(60);
    expect(stdout.trim().split('\r\n')).toHaveLength(rows + 1);
  });
});
