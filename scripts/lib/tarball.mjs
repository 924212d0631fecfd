/**
 * Shared by the package checks (`check-package`, `test/package`, `runtimes`): pack the built
 * package the way `npm publish` would, and install that tarball into a throwaway consumer
 * project outside the repo, so nothing resolves through the repo's own node_modules.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The repo's package.json, read fresh each call: others edit it while we work. */
export function readManifest() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

/**
 * The public import specifiers, derived from `exports` so a new subpath is picked up without
 * touching the checks: `['@kler/sdk', '@kler/sdk/webhooks', …]` (JSON subpaths excluded).
 */
export function publicSpecifiers(manifest = readManifest()) {
  return Object.keys(manifest.exports)
    .filter((key) => !key.endsWith('.json'))
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

/** Every file `exports` and `bin` point at, relative to the package root. */
function publishedTargets(manifest) {
  const targets = new Set();
  const walk = (value) => {
    if (typeof value === 'string') targets.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  return [...targets];
}

/** Fails with a helpful message when `dist/` is missing a file the manifest promises. */
export function assertBuilt(manifest = readManifest()) {
  const missing = publishedTargets(manifest).filter((target) => !existsSync(join(ROOT, target)));
  if (missing.length > 0) {
    throw new Error(`The build is incomplete (missing ${missing.join(', ')}): run \`npm run build\` first.`);
  }
}

/**
 * Runs a command and returns its output; throws with the command's output on failure.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions & { allowFailure?: boolean }} [options]
 */
export function run(command, args, options = {}) {
  const { allowFailure, ...spawnOptions } = options;
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...spawnOptions });
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFailure) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal}\n${result.stdout ?? ''}\n${result.stderr ?? ''}`,
    );
  }
  return result;
}

/** A fresh directory under the OS temp dir (never inside the repo, see the file comment). */
export function makeTempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/**
 * `npm pack`s the repo into `destination` and returns the tarball's absolute path and the list
 * of files it holds. The build must exist: packing never builds (no lifecycle scripts run).
 */
export function packTarball(destination) {
  assertBuilt();
  mkdirSync(destination, { recursive: true });
  const { stdout } = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
    cwd: ROOT,
  });
  const [info] = JSON.parse(stdout);
  return { tarball: resolve(destination, info.filename), files: info.files.map((file) => file.path), size: info.size };
}

/**
 * Creates a consumer project in `directory` (emptied first) and installs `tarball` into it.
 * @param {string} directory
 * @param {string} tarball
 * @param {{ manifest?: Record<string, unknown> }} [options]
 */
export function installConsumer(directory, tarball, { manifest = {} } = {}) {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, 'package.json'),
    `${JSON.stringify({ name: 'kler-consumer', private: true, type: 'module', ...manifest }, null, 2)}\n`,
  );
  return installInto(directory, [tarball]);
}

/**
 * `npm install`s `packages` into the project in `directory`. Offline first — after the repo's
 * own install everything it needs should sit in the npm cache — falling back to
 * `--prefer-offline` (cache first, registry for what is missing) on a machine whose cache lacks
 * something, such as a fresh CI machine.
 * @param {string} directory
 * @param {string[]} packages
 */
export function installInto(directory, packages) {
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...packages];
  const offline = run('npm', [...args, '--offline'], { cwd: directory, allowFailure: true });
  if (offline.status === 0) return { mode: 'offline' };
  run('npm', [...args, '--prefer-offline'], { cwd: directory });
  return { mode: 'prefer-offline' };
}

/** The version of a package installed in the repo (what its own tests ran with). */
export function repoVersionOf(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}
