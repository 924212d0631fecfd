/**
 * What a review of the `kler` command found, pinned: the audit matches Kler's id column even next
 * to a ticket id, a payer's name cannot drive the terminal, bad settings are usage errors (2), a
 * key with a line break is refused without being printed, and `| head` ends quietly.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/index.js';
import { createKlerMock, type KlerMockServer } from '../../src/testing/index.js';
import { CLI, kler } from './run.js';

const mock = createKlerMock({ apiKey: 'sk_review' });
let server: KlerMockServer;
let env: Record<string, string>;
let sid: string;
const paid: { id: string; amount: string }[] = [];

beforeAll(async () => {
  server = await mock.listen();
  env = { KLER_API_KEY: 'sk_review', KLER_BASE_URL: server.url };
  const client = new KlerClient({ apiKey: 'sk_review', baseUrl: server.url });
  sid = (await client.sessions.create({ external_event_id: 'evt_r', name: 'Review', collection: { account: true, pos: false } })).session_id;
  for (const [amount, sender_name, narration] of [
    ['5000.00', 'Ada\u001b[1A\u001b[2K\rforged row', 'Ticket'],
    ['2500.50', 'Bola', '  =1+1'],
  ] as const) {
    const { transaction } = await mock.simulatePayment(sid, { amount, channel: 'bank_transfer', sender_name, narration });
    paid.push({ id: transaction.id, amount: transaction.amount });
  }
});

afterAll(async () => {
  await server.close();
});

describe('kler reconcile --credited', () => {
  it("matches on Kler's transaction_id when the file also has its own id column", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kler-cli-'));
    const file = join(dir, 'tickets.csv');
    await writeFile(file, ['id,transaction_id,amount', ...paid.map((p, i) => `TCK-${i + 1},${p.id},${p.amount}`)].join('\n'));
    const { code, stdout } = await kler(['reconcile', sid, '--credited', file], env);
    expect(stdout).not.toContain('TCK-1');
    expect(stdout).not.toContain('not credited');
    expect(code).toBe(0);
  });
});

describe('table output', () => {
  it('never writes control characters a payer put in their name (they could move the cursor over rows)', async () => {
    const { code, stdout } = await kler(['transactions', 'list', sid], env);
    expect(code).toBe(0);
    expect(stdout).toContain('Ada');
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
});

describe('CSV output', () => {
  it('defuses a formula behind leading spaces (some importers trim them)', async () => {
    const { code, stdout } = await kler(['transactions', 'list', sid, '--format', 'csv'], env);
    expect(code).toBe(0);
    expect(stdout).toContain(`,058,'  =1+1,`);
  });
});

describe('usage errors and secrets', () => {
  it('a bad --base-url is a usage error (exit 2)', async () => {
    const { code, stderr } = await kler(['settlement', sid, '--base-url', 'notaurl'], env);
    expect(code).toBe(2);
    expect(stderr).toContain('baseUrl must be an absolute URL');
    expect(stderr).toContain("Run 'kler settlement --help' for usage.");
  });

  it('a key with a line break is refused with exit 2, without printing it', async () => {
    const { code, stderr } = await kler(['settlement', sid], { ...env, KLER_API_KEY: 'sk_live_SUPER\nSECRET123' });
    expect(code).toBe(2);
    expect(stderr).toContain('KLER_API_KEY contains a line break or another control character');
    expect(stderr).not.toContain('SUPER');
    expect(stderr).not.toContain('SECRET123');
  });
});

describe('a closed output pipe', () => {
  it('ends quietly with exit 0, as `kler … | head` expects', async () => {
    const child = spawn(process.execPath, [CLI, 'transactions', 'list', sid, '--all', '--format', 'csv'], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    child.stdout.destroy(); // the reader went away before the first line
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
