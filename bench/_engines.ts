/**
 * The test harness's engines (`test/engines/`: redis-server, PostgreSQL, workerd), for the
 * benchmarks: bundled with esbuild so a plain-Node script can run its TypeScript (its imports
 * name `.js` files, which Node's type stripping does not map to `.ts`).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** What the harness exports. */
export type Engines = typeof import('../test/engines/redis.js') & typeof import('../test/engines/postgres.js') & typeof import('../test/engines/miniflare.js');

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Bundles and imports the harness (one bundle per process, so concurrent benches do not race). */
export async function loadEngines(): Promise<Engines> {
  const dir = join(ROOT, 'node_modules', '.cache', 'kler-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `engines-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: ['redis', 'postgres', 'miniflare'].map((f) => `export * from './test/engines/${f}.ts';`).join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    // The harness finds its Worker source next to itself.
    define: { __KLER_SDK_VERSION__: '"bench"', 'import.meta.dirname': JSON.stringify(join(ROOT, 'test', 'engines')) },
    logLevel: 'silent',
  });
  try {
    return (await import(pathToFileURL(outfile).href)) as Engines;
  } finally {
    rmSync(outfile, { force: true }); // imported: the file is no longer needed
  }
}
