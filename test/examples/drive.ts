/**
 * Running an example as a user would: in its own Node process from the repo root, against the
 * built package (`@kler/sdk` resolves to `dist/`), driven with deliveries signed by
 * `signWebhook`. Shared by the examples test and the engine suite (the examples on real engines).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { webhookTransactionReceived as transactionReceived } from '../fixtures/documented.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUILT = existsSync(join(ROOT, 'dist/index.js'));
export const SECRET = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci1leGFtcGxlcw==';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` from the repo root (so `@kler/sdk` is this package) with `env` added. */
export function node(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Sends one signed delivery three ways through a receiver defined by `setup` (which declares
 * `send(body, headers)` returning `{ status, body }`, and may declare `done()`): first, again
 * (a redelivery), and with the amount changed after signing (a forgery). Prints what came back.
 */
export async function driveReceiver(setup: string, env: Record<string, string> = {}): Promise<{ answers: { status: number; body: string }[]; logs: string[] }> {
  const script = `
const { signWebhook } = await import('@kler/sdk/webhooks');
const secret = process.env.KLER_WEBHOOK_SECRET;
const logs = [];
const print = console.log;
console.log = console.warn = (...parts) => logs.push(parts.join(' '));
let done;
${setup}
const payload = ${JSON.stringify(JSON.stringify(transactionReceived))};
const headers = await signWebhook({ payload, secret });
const answers = [];
answers.push(await send(payload, headers));
answers.push(await send(payload, headers));
answers.push(await send(payload.replace('"5000.00"', '"50000.00"'), headers));
await new Promise((resolve) => setTimeout(resolve, 20)); // work queued after the answer
await done?.();
print(JSON.stringify({ answers, logs }));
`;
  const run = await node(['--input-type=module', '-e', script], { KLER_WEBHOOK_SECRET: SECRET, ...env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { answers: { status: number; body: string }[]; logs: string[] };
}

/**
 * The three answers every receiver example must give: done (200) or recorded (202, inbox), a
 * duplicate (200), a forgery refused (401).
 */
export function expectVerifiedThenDedupedThenRejected(answers: { status: number; body: string }[], first = 200): void {
  expect(answers.map((a) => a.status)).toEqual([first, 200, 401]);
  expect(JSON.parse(answers[1]!.body)).toEqual({ status: 'duplicate' });
  expect(JSON.parse(answers[2]!.body)).toEqual({ error: 'no_matching_signature' });
}

