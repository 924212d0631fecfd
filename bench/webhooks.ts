/**
 * Webhook verify+parse throughput: `@kler/sdk/webhooks` against the `standardwebhooks` reference
 * (`Webhook#verify`), `stripe` (`webhooks.constructEvent`, signed with its own scheme) and the
 * raw-HMAC floor (node:crypto HMAC-SHA256 of `id.timestamp.body`, a constant-time compare and
 * `JSON.parse`: the least any Standard Webhooks verifier must do), on the same payload in one
 * run. Ours also validates the event against its zod schema; the others only JSON.parse.
 * Targets: ours ≥ 1.1x stripe and ≥ 0.9x the floor.
 *
 * Run: `npx node bench/webhooks.ts` after `npm run build` (the project's node@24 strips the
 * types; `npm run bench` builds and runs it with the others). It measures the built package;
 * `--src` bundles the current `src/webhooks` with esbuild instead, for trying a change without
 * a build.
 */
import { build } from 'esbuild';
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';

type WebhooksModule = typeof import('../src/webhooks/index.js');

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const PAYLOAD = JSON.stringify({
  event: 'transaction.received',
  session_id: 'sess_01HZX',
  data: {
    id: 'txn_01',
    amount: '5000.00',
    currency: 'NGN',
    channel: 'bank_transfer',
    status: 'successful',
    sender_name: 'Jane Doe',
    sender_account: '0123456789',
    sender_bank: '058',
    narration: 'Ticket purchase',
    providus_ref: 'PVS20250801XXXXXXX',
    paid_at: '2025-08-01T18:32:00.000Z',
  },
});

async function loadOurs(): Promise<{ module: WebhooksModule; source: string }> {
  if (!process.argv.includes('--src')) {
    const url = pathToFileURL(join(ROOT, 'dist/webhooks.js')).href;
    return { module: (await import(url)) as WebhooksModule, source: 'dist/webhooks.js' };
  }
  const result = await build({
    entryPoints: [join(ROOT, 'src/webhooks/index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'kler-bench-')), 'webhooks.mjs');
  writeFileSync(file, result.outputFiles[0]!.text);
  return { module: (await import(pathToFileURL(file).href)) as WebhooksModule, source: 'src/webhooks (bundled by esbuild)' };
}

type Case = { name: string; run: () => unknown };

/** Operations per second of `run`, over batches of about `ms` milliseconds. */
async function opsPerSecond(run: () => unknown, ms: number): Promise<number> {
  let batch = 64;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) await run();
    const elapsed = performance.now() - start;
    if (elapsed >= ms) return (batch * 1000) / elapsed;
    batch *= elapsed < ms / 8 ? 8 : 2;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { module: kler, source } = await loadOurs();
  const headers = await kler.signWebhook({ payload: PAYLOAD, secret: SECRET });
  const reference = new Webhook(SECRET);
  const stripe = new Stripe('sk_test_bench');
  const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload: PAYLOAD, secret: SECRET });

  // Each must accept the delivery, or the comparison means nothing.
  const ours = await kler.verifyWebhook({ payload: PAYLOAD, headers, secret: SECRET });
  if (ours.event !== 'transaction.received' || ours.data.amount !== '5000.00') throw new Error('ours did not verify');
  reference.verify(PAYLOAD, headers);
  stripe.webhooks.constructEvent(PAYLOAD, stripeHeader, SECRET);

  // A KeyObject made once, as a verifier that caches its key does (ours does).
  const key = createSecretKey(Buffer.from(SECRET.slice('whsec_'.length), 'base64'));
  const expected = Buffer.from(headers['webhook-signature'].slice('v1,'.length), 'base64');
  const floor = () => {
    const mac = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${PAYLOAD}`).digest();
    if (!timingSafeEqual(mac, expected)) throw new Error('floor did not verify');
    return JSON.parse(PAYLOAD) as unknown;
  };
  floor();

  const cases: Case[] = [
    { name: '@kler/sdk verifyWebhook', run: () => kler.verifyWebhook({ payload: PAYLOAD, headers, secret: SECRET }) },
    { name: 'standardwebhooks Webhook#verify', run: () => reference.verify(PAYLOAD, headers) },
    { name: 'stripe webhooks.constructEvent', run: () => stripe.webhooks.constructEvent(PAYLOAD, stripeHeader, SECRET) },
    { name: 'raw HMAC + JSON.parse (floor)', run: floor },
  ];

  // Warm up every JIT path, then interleave rounds so drift (thermal, GC) hits all alike.
  for (const c of cases) await opsPerSecond(c.run, 200);
  const rounds = process.argv.includes('--quick') ? 3 : 7;
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) samples.get(c.name)!.push(await opsPerSecond(c.run, 300));
  }

  const result = new Map([...samples].map(([name, xs]) => [name, median(xs)]));
  const oursOps = result.get(cases[0]!.name)!;
  console.log(`webhook verify+parse, ${PAYLOAD.length}-byte payload, Node ${process.versions.node}, ours from ${source}`);
  console.log(`median of ${rounds} rounds\n`);
  for (const [name, ops] of result) {
    console.log(`${name.padEnd(36)} ${Math.round(ops).toLocaleString('en-US').padStart(10)} ops/s`);
  }
  const vsStripe = oursOps / result.get(cases[2]!.name)!;
  const vsReference = oursOps / result.get(cases[1]!.name)!;
  const vsFloor = oursOps / result.get(cases[3]!.name)!;
  const verdict = (ratio: number, target: number) => `(target >= ${target.toFixed(2)}x) ${ratio >= target ? 'met' : 'NOT MET'}`;
  console.log(`\nours / stripe            ${vsStripe.toFixed(2)}x  ${verdict(vsStripe, 1.1)}`);
  console.log(`ours / raw-HMAC floor    ${vsFloor.toFixed(2)}x  ${verdict(vsFloor, 0.9)}`);
  console.log(`ours / standardwebhooks  ${vsReference.toFixed(2)}x  ${verdict(vsReference, 2)}`);
}

await main();
