/**
 * Runs examples/logging-and-tracing.ts against the built package and a mock Kler on loopback, in
 * its own Node process, as examples.test.ts runs the others. Needs `npm run build`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import { createKlerMock } from '../../src/testing/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = existsSync(join(ROOT, 'dist/index.js'));
const API_KEY = 'sk_test_logging_example_key';

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, KLER_LOG: '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(!BUILT)('examples/logging-and-tracing.ts against a mock Kler', () => {
  const mock = createKlerMock();
  let url: string;
  let close: () => Promise<void>;
  let sessionId: string;

  beforeAll(async () => {
    ({ url, close } = await mock.listen());
    const kler = new KlerClient({ apiKey: API_KEY, baseUrl: url });
    sessionId = (await kler.sessions.create({ external_event_id: 'evt_log', name: 'Log night', collection: { account: true, pos: false } })).session_id;
    await mock.simulatePayment(sessionId, { amount: '5000.00', channel: 'bank_transfer' });
  });
  afterAll(async () => close?.());

  it('prints a debug line and a hook line per attempt, then each call span with its attempt span, and never the key', async () => {
    const { code, stdout, stderr } = await run(['examples/logging-and-tracing.ts', sessionId], { KLER_API_KEY: API_KEY, KLER_BASE_URL: url });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^\\[kler\\] GET /v1/sessions/\\{session_id\\} session_id=${sessionId} -> 200 attempt 1 \\d+ms$`)),
      expect.stringMatching(/^hook: sessions\.retrieve answered 200 in \d+ ms$/),
      expect.stringMatching(/^\[kler\] GET \/v1\/reconciliation\/\{session_id\} session_id=\S+ -> 200 attempt 1 \d+ms$/),
      expect.stringMatching(/^hook: reconciliation\.retrieve answered 200 in \d+ ms$/),
      `${sessionId} is active: 1 transactions`,
      'span kler.sessions.retrieve',
      '  span GET /v1/sessions/{session_id} status_code=200 url.template=/v1/sessions/{session_id}',
      'span kler.reconciliation.retrieve',
      '  span GET /v1/reconciliation/{session_id} status_code=200 url.template=/v1/reconciliation/{session_id}',
    ]);
    expect(stdout).not.toContain(API_KEY);
  });

  it('exits 2 with its usage line when the session id is missing', async () => {
    const { code, stderr } = await run(['examples/logging-and-tracing.ts'], {});
    expect(stderr).toContain('usage: node examples/logging-and-tracing.ts <session_id>');
    expect(code).toBe(2);
  });
});
