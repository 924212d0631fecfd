/**
 * Cold import time of `@kler/sdk` against `stripe`: each sample is a fresh Node process that
 * imports one package and reports how long the `import()` took (process start-up excluded, the
 * same for both). Processes alternate between the packages so disk-cache and CPU drift hit
 * both alike; the first sample of each is discarded as a warm-up of the OS file cache.
 * Target: ours ≤ 0.5x stripe's.
 *
 * Run: `npm run bench` (all benches), or `node bench/import-time.ts` after `npm run build` — it
 * imports the built package (`dist/`) through its own name. `--quick` takes fewer samples.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SAMPLES = process.argv.includes('--quick') ? 7 : 21;
const TARGET = 0.5;

const CANDIDATES = [
  { name: '@kler/sdk', code: `const { KlerClient } = await import('@kler/sdk'); new KlerClient({ apiKey: 'k' });` },
  { name: 'stripe', code: `const { default: Stripe } = await import('stripe'); new Stripe('sk_test_k');` },
  { name: '@kler/sdk/webhooks', code: `await import('@kler/sdk/webhooks');` },
];

/** Milliseconds the import (and first construction) took in a fresh process. */
function sample(code: string): number {
  const script = `const start = performance.now(); ${code} console.log(performance.now() - start);`;
  // The compile cache would make later samples warm: keep every sample cold.
  const env = { ...process.env, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: '1' };
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`import failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const samples = new Map<string, number[]>(CANDIDATES.map((c) => [c.name, []]));
for (const candidate of CANDIDATES) sample(candidate.code);
for (let i = 0; i < SAMPLES; i++) {
  for (const candidate of CANDIDATES) samples.get(candidate.name)!.push(sample(candidate.code));
}

console.log(`cold import (import() + first constructor) in a fresh process, Node ${process.versions.node}`);
console.log(`median of ${SAMPLES} processes each\n`);
const medians = new Map([...samples].map(([name, xs]) => [name, median(xs)]));
for (const [name, ms] of medians) {
  const xs = samples.get(name)!;
  console.log(`${name.padEnd(22)} ${ms.toFixed(1).padStart(7)} ms   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`);
}
const ratio = medians.get('@kler/sdk')! / medians.get('stripe')!;
console.log(`\n@kler/sdk / stripe, import time  ${ratio.toFixed(2)}x  (target <= ${TARGET.toFixed(2)}x) ${ratio <= TARGET ? 'met' : 'NOT MET'}`);
process.exitCode = process.argv.includes('--check') && ratio > TARGET ? 1 : 0;
