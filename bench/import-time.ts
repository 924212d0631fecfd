/**
 * Cold import time of `@kler/sdk` and `@kler/sdk/webhooks` against `stripe`, as a user gets
 * them: the packed tarball installed into a fresh project (zod and ky unbundled, from that
 * project's node_modules). Each sample is a fresh Node process that imports one package and
 * reports how long the `import()` took (process start-up excluded, the same for all).
 * Processes alternate between candidates so disk-cache and CPU drift hit all alike; the first
 * sample of each is discarded as a warm-up of the OS file cache.
 *
 * Besides the ratios, it reports the SDK's own share: its import minus the import of the
 * dependencies it loads at import (zod for the root; none for the webhooks entry), measured the
 * same way in the same project.
 *
 * The SDK defers work to first use: the client imports ky (and with it Node's fetch, undici) on
 * its first request, and the webhook entry imports zod only for a body its generated fast path
 * does not accept. So the bench also times the moment that work lands, in the same kind of
 * fresh process: import + first request (`sessions.retrieve` against a loopback server, stripe's
 * `customers.retrieve` against the same server, and bare `fetch` as the floor), and import +
 * first verification of a signed `transaction.received` (stripe: `constructEvent`).
 * Targets (import alone): root ≤ 0.8x stripe, webhooks ≤ 0.45x stripe. The first-use rows are
 * reported as ratios without a target.
 *
 * Run: `npm run bench` (all benches), or `node bench/import-time.ts` after `npm run build`.
 * `--quick` takes fewer samples.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { sessionApiReference, webhookTransactionReceived } from '../test/fixtures/documented.ts';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { installConsumer, makeTempDir, packTarball, ROOT } from '../scripts/lib/tarball.mjs';

const SAMPLES = process.argv.includes('--quick') ? 7 : 21;
const TARGETS = { root: 0.8, webhooks: 0.45 };

const work = makeTempDir('kler-import-bench');
const app = join(work, 'app');
installConsumer(app, packTarball(join(work, 'pack')).tarball);

// The loopback server the first requests go to: Kler's documented session, and a stripe customer.
const server = createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(req.url?.startsWith('/v1/customers/') ? { id: 'cus_1', object: 'customer' } : { success: true, data: sessionApiReference }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
const base = `http://127.0.0.1:${port}`;

// One signed delivery for every first verification, checked against its own signing time.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const payload = JSON.stringify(webhookTransactionReceived);
const signedAt = Math.floor(Date.now() / 1000);
const { signWebhook } = await import(join(ROOT, 'dist/webhooks.js'));
const oursHeaders = await signWebhook({ payload, secret: SECRET, timestamp: signedAt });
const stripeHeader = new Stripe('sk_test_k').webhooks.generateTestHeaderString({ payload, secret: 'whsec_k', timestamp: signedAt });

type Candidate = { name: string; code: string; cwd: string };
const CANDIDATES: Candidate[] = [
  { name: '@kler/sdk', code: `const { KlerClient } = await import('@kler/sdk'); new KlerClient({ apiKey: 'k' });`, cwd: app },
  { name: 'stripe', code: `const { default: Stripe } = await import('stripe'); new Stripe('sk_test_k');`, cwd: ROOT },
  { name: '@kler/sdk/webhooks', code: `await import('@kler/sdk/webhooks');`, cwd: app },
  { name: 'deps: ky + zod', code: `await Promise.all([import('ky'), import('zod/mini')]);`, cwd: app },
  { name: 'deps: zod', code: `await Promise.all([import('zod/mini'), import('zod/v4/core')]);`, cwd: app },
  {
    name: '@kler/sdk + 1st request',
    code: `const { KlerClient } = await import('@kler/sdk'); await new KlerClient({ apiKey: 'k', baseUrl: '${base}/v1', logLevel: 'off' }).sessions.retrieve('3f1e2d9a8b7c');`,
    cwd: app,
  },
  {
    name: 'stripe + 1st request',
    code: `const { default: Stripe } = await import('stripe'); await new Stripe('sk_test_k', { host: '127.0.0.1', port: ${port}, protocol: 'http', maxNetworkRetries: 0 }).customers.retrieve('cus_1');`,
    cwd: ROOT,
  },
  { name: 'fetch 1st request', code: `await (await fetch('${base}/v1/sessions/3f1e2d9a8b7c')).json();`, cwd: app },
  {
    name: 'webhooks + 1st verify',
    code: `const { verifyWebhook } = await import('@kler/sdk/webhooks'); await verifyWebhook({ payload: ${JSON.stringify(payload)}, headers: ${JSON.stringify(oursHeaders)}, secret: '${SECRET}', now: ${signedAt * 1000} });`,
    cwd: app,
  },
  {
    name: 'stripe + 1st verify',
    code: `const { default: Stripe } = await import('stripe'); new Stripe('sk_test_k').webhooks.constructEvent(${JSON.stringify(payload)}, '${stripeHeader}', 'whsec_k', 1e9);`,
    cwd: ROOT,
  },
];

/** Milliseconds the import (and what the candidate does first) took in a fresh process. */
async function sample({ code, cwd }: Candidate): Promise<number> {
  const script = `const start = performance.now(); ${code} console.log(performance.now() - start);`;
  // The compile cache would make later samples warm: keep every sample cold.
  const env = { ...process.env, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: '1' };
  // Asynchronous, so the loopback server in this process answers the first requests.
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0) throw new Error(`sample failed: ${stderr}`);
  return Number(stdout.trim());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const samples = new Map<string, number[]>(CANDIDATES.map((c) => [c.name, []]));
  for (const candidate of CANDIDATES) await sample(candidate);
  for (let i = 0; i < SAMPLES; i++) {
    for (const candidate of CANDIDATES) samples.get(candidate.name)!.push(await sample(candidate));
  }

  console.log(`cold import (import() + first constructor) in a fresh process, from the packed tarball, Node ${process.versions.node}`);
  console.log(`median of ${SAMPLES} processes each\n`);
  const medians = new Map([...samples].map(([name, xs]) => [name, median(xs)]));
  for (const [name, ms] of medians) {
    const xs = samples.get(name)!;
    console.log(`${name.padEnd(22)} ${ms.toFixed(1).padStart(7)} ms   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`);
  }
  const at = (name: string) => medians.get(name)!;
  const root = at('@kler/sdk') / at('stripe');
  const webhooks = at('@kler/sdk/webhooks') / at('stripe');
  // What each entry loads at import: the root zod (ky waits for the first request), the webhook
  // entry no dependency at all (zod waits for a body the fast path does not accept).
  console.log(`\nSDK's own share at import: root ${(at('@kler/sdk') - at('deps: zod')).toFixed(1)} ms over zod (ky is loaded by the first request); webhooks ${at('@kler/sdk/webhooks').toFixed(1)} ms, loading no dependency\n`);
  const verdict = (ratio: number, target: number) => `(target <= ${target.toFixed(2)}x) ${ratio <= target ? 'met' : 'NOT MET'}`;
  console.log(`@kler/sdk / stripe, import time  ${root.toFixed(2)}x  ${verdict(root, TARGETS.root)}`);
  console.log(`@kler/sdk/webhooks / stripe, import time  ${webhooks.toFixed(2)}x  ${verdict(webhooks, TARGETS.webhooks)}`);
  // Where the deferred work lands: informational, no target.
  const firstRequest = at('@kler/sdk + 1st request') / at('stripe + 1st request');
  const firstVerify = at('webhooks + 1st verify') / at('stripe + 1st verify');
  console.log(`\nfirst use, in the same fresh processes: the SDK's import + first request is ${(at('@kler/sdk + 1st request') - at('fetch 1st request')).toFixed(1)} ms over bare fetch's first request`);
  console.log(`@kler/sdk / stripe, import + first request  ${firstRequest.toFixed(2)}x  (informational)`);
  console.log(`@kler/sdk/webhooks / stripe, import + first verify  ${firstVerify.toFixed(2)}x  (informational)`);
  const missed = root > TARGETS.root || webhooks > TARGETS.webhooks;
  process.exitCode = process.argv.includes('--check') && missed ? 1 : 0;
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
