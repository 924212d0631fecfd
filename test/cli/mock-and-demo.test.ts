import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, kler } from './run.js';

/** Starts `kler mock ...args` and resolves once it printed "Press Ctrl+C", with its output so far. */
function startMock(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'mock', ...args], { env: { PATH: process.env['PATH'] ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => stdout.includes('Press Ctrl+C') && resolve(stdout));
    void exited.then((code) => reject(new Error(`kler mock exited with ${code}: ${stderr}`)));
  });
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('kler mock', () => {
  it('serves a seeded fake Kler that the other commands use, logs requests, and stops on SIGTERM', async () => {
    const mock = startMock(['--port', '0', '--seed', '--api-key', 'sk_local']);
    try {
      const banner = await mock.ready;
      const url = /Mock Kler listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(banner)?.[1];
      const sessionId = /Seeded session (\w+) with 5 payments/.exec(banner)?.[1];
      expect(url).toBeDefined();
      expect(banner).toContain(`export KLER_BASE_URL=${url}\n`);
      expect(banner).toContain('export KLER_API_KEY=sk_local\n');
      expect(banner).toMatch(/export KLER_WEBHOOK_SECRET=whsec_[A-Za-z0-9+/=]+\n/);

      const env = { KLER_API_KEY: 'sk_local', KLER_BASE_URL: url! };
      const { code, stdout } = await kler(['reconcile', sessionId!, '--format', 'json'], env);
      expect(code).toBe(0);
      // 15000.00 + 5000.00 + 7500.50 + 2000.00 successful; the 3000.00 card payment failed.
      expect(JSON.parse(stdout)).toMatchObject({ total_inflow: '29500.50', transaction_count: 5, failed_count: 1 });
      expect(mock.output().stderr).toContain(`200 GET /v1/reconciliation/${sessionId}\n`);
    } finally {
      mock.child.kill('SIGTERM');
    }
    expect(await mock.exited).toBe(0);
    expect(mock.output().stderr).toContain('Mock Kler stopped.');
  });
});

describe('kler demo (npm run demo)', () => {
  it('walks through the whole flow offline in under 5 seconds and exits 0', async () => {
    const started = performance.now();
    const { code, stdout, stderr } = await kler(['demo']);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const title of [
      '1. Start a mock Kler',
      '2. Start your webhook receiver',
      '3. Create a session with 3 POS terminals',
      '4. Take payments on several channels',
      '5. The same webhook arrives twice',
      '6. Reconciliation',
      '7. Settlement',
      '8. Audit',
      '9. Close the session',
      '10. A payment after closing is refused',
    ]) {
      expect(stdout).toContain(`\n${title}\n`);
    }
    expect(stdout).toMatch(/POS terminals\s+pos_([0-9a-f]{6})_001, pos_\1_002, pos_\1_003/);
    expect(stdout).toMatch(/7500\.50 pos on pos_\w+\s+successful → ticket issued \(receiver answered 503 2 times; Kler retried\)/);
    expect(stdout).toMatch(/3000\.00 card\s+failed\s+→ not successful \(failed\), no ticket/);
    expect(stdout).toMatch(/10000\.00 bank_transfer\s+pending\s+→ not successful \(pending\), no ticket/);
    expect(stdout).toMatch(/Redelivered txn_\w+ \(same webhook-id msg_\w+\) → duplicate ignored/);
    expect(stdout).toContain('Tickets issued: 5 for 7 payments');
    // 15000.00 + 5000.00 + 7500.50 + 2500.25 + 2000.00
    expect(stdout).toContain('Total inflow 32000.75 NGN from 5 of 7 transactions');
    // The first three settle: 15000.00 + 5000.00 + 7500.50; 2500.25 + 2000.00 wait.
    expect(stdout).toContain('Settled 27500.50, awaiting settlement 4500.25');
    expect(stdout).toContain('Every successful payment got exactly one ticket (32000.75 credited = 32000.75 received).');
    expect(stdout).toMatch(/Session \w+ is now closed\./);
    expect(stdout).toMatch(/Refused: Session \w+ is closed: Kler accepts no payments/);
  });
});

describe('the built command', () => {
  it('never loads msw, so `kler` works where the optional peer is not installed', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        if (spec!.startsWith('.')) visit(join(dirname(file), spec!));
        else external.add(spec!);
      }
    };
    visit(CLI);
    expect(seen.size).toBeGreaterThan(1);
    expect([...external].filter((s) => s === 'msw' || s.startsWith('msw/'))).toEqual([]);
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
