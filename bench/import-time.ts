/**
 * Cold import time of `@kler/sdk` and `@kler/sdk/webhooks` against `stripe`, as a user gets
 * them: the packed tarball installed into a fresh project (zod and ky unbundled, from that
 * project's node_modules). Each sample is a fresh Node process that imports one package and
 * reports how long the `import()` took (process start-up excluded, the same for all).
 * Processes alternate between candidates so disk-cache and CPU drift hit all alike; the first
 * sample of each is discarded as a warm-up of the OS file cache.
 *
 * Besides the ratios, it reports the SDK's own share: its import minus the import of its
 * dependencies alone (ky and zod for the root, zod for the webhooks entry), measured the same
 * way in the same project. `import('zod/mini')` alone loads every locale, so most of the time
 * is zod's; the share is what the SDK's code costs on top.
 * Targets: root ≤ 0.8x stripe, webhooks ≤ 0.45x stripe.
 *
 * Run: `npm run bench` (all benches), or `node bench/import-time.ts` after `npm run build`.
 * `--quick` takes fewer samples.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { installConsumer, makeTempDir, packTarball, ROOT } from '../scripts/lib/tarball.mjs';

const SAMPLES = process.argv.includes('--quick') ? 7 : 21;
const TARGETS = { root: 0.8, webhooks: 0.45 };

const work = makeTempDir('kler-import-bench');
const app = join(work, 'app');
installConsumer(app, packTarball(join(work, 'pack')).tarball);

type Candidate = { name: string; code: string; cwd: string };
const CANDIDATES: Candidate[] = [
  { name: '@kler/sdk', code: `const { KlerClient } = await import('@kler/sdk'); new KlerClient({ apiKey: 'k' });`, cwd: app },
  { name: 'stripe', code: `const { default: Stripe } = await import('stripe'); new Stripe('sk_test_k');`, cwd: ROOT },
  { name: '@kler/sdk/webhooks', code: `await import('@kler/sdk/webhooks');`, cwd: app },
  { name: 'deps: ky + zod', code: `await Promise.all([import('ky'), import('zod/mini')]);`, cwd: app },
  { name: 'deps: zod', code: `await Promise.all([import('zod/mini'), import('zod/v4/core')]);`, cwd: app },
];

/** Milliseconds the import (and first construction) took in a fresh process. */
function sample({ code, cwd }: Candidate): number {
  const script = `const start = performance.now(); ${code} console.log(performance.now() - start);`;
  // The compile cache would make later samples warm: keep every sample cold.
  const env = { ...process.env, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: '1' };
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`import failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const samples = new Map<string, number[]>(CANDIDATES.map((c) => [c.name, []]));
  for (const candidate of CANDIDATES) sample(candidate);
  for (let i = 0; i < SAMPLES; i++) {
    for (const candidate of CANDIDATES) samples.get(candidate.name)!.push(sample(candidate));
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
  console.log(`\nSDK's own share: root ${(at('@kler/sdk') - at('deps: ky + zod')).toFixed(1)} ms over ky + zod; webhooks ${(at('@kler/sdk/webhooks') - at('deps: zod')).toFixed(1)} ms over zod\n`);
  const verdict = (ratio: number, target: number) => `(target <= ${target.toFixed(2)}x) ${ratio <= target ? 'met' : 'NOT MET'}`;
  console.log(`@kler/sdk / stripe, import time  ${root.toFixed(2)}x  ${verdict(root, TARGETS.root)}`);
  console.log(`@kler/sdk/webhooks / stripe, import time  ${webhooks.toFixed(2)}x  ${verdict(webhooks, TARGETS.webhooks)}`);
  const missed = root > TARGETS.root || webhooks > TARGETS.webhooks;
  process.exitCode = process.argv.includes('--check') && missed ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
