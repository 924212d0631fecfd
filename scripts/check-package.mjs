#!/usr/bin/env node
/**
 * `npm run check:package`: lints the tarball `npm publish` would upload (not the work tree),
 * with publint and Are The Types Wrong. Needs a build (`npm run build`).
 *
 * - publint `--strict`: a warning fails the check like an error does.
 * - attw `--profile esm-only`: the package is ESM only (decision 2), so attw's two CommonJS
 *   resolution modes are reported but not required:
 *   - `node10` (TypeScript's legacy `moduleResolution: node`) ignores `exports`, so no subpath
 *     can resolve there without `typesVersions` hacks; users of subpaths need `node16`,
 *     `nodenext` or `bundler`, which TypeScript has recommended since 4.7.
 *   - `node16 (from CJS)` flags any `require()` of an ES module ("ESM (dynamic import only)").
 *     That models Node before 22.12; Node >= 22.12 (our `engines` floor for require) loads ESM
 *     with `require()`, and TypeScript >= 5.8 under `module: nodenext` type-checks it. The
 *     packed-tarball test (`npm run test:package`) proves both: it `require()`s every subpath
 *     and type-checks a `.cts` consumer under `nodenext`.
 *   Every other problem kind in `node16 (from ESM)` and `bundler` still fails the check.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, packTarball, ROOT, run } from './lib/tarball.mjs';

const bin = (name) => join(ROOT, 'node_modules/.bin', name);
const workDir = makeTempDir('kler-check-package');
let failed = false;
try {
  const { tarball, files, size } = packTarball(workDir);
  console.log(`Packed ${files.length} files, ${(size / 1024).toFixed(1)} kB: ${tarball}\n`);

  for (const [name, args] of [
    ['publint', ['run', tarball, '--strict']],
    ['attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    console.log(`$ ${name} ${args.join(' ')}`);
    const result = run(bin(name), args, { allowFailure: true, stdio: 'inherit' });
    if (result.status !== 0) {
      failed = true;
      console.error(`✖ ${name} failed (exit ${result.status})\n`);
    } else console.log(`✔ ${name} passed\n`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
