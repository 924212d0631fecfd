/**
 * Runs a test child script (TypeScript importing `src/`) in its own Node process: bundled with
 * esbuild next to `node_modules` so its packages resolve, started with this Node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');
const built = new Map<string, Promise<string>>();

function bundle(entry: string): Promise<string> {
  let out = built.get(entry);
  if (!out) {
    const dir = join(ROOT, 'node_modules', '.cache', 'kler-engine-tests');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${entry.replace(/\W+/g, '_')}-${process.pid}.mjs`);
    out = build({
      entryPoints: [join(import.meta.dirname, entry)],
      outfile: file,
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      define: { __KLER_SDK_VERSION__: '"test"' },
      logLevel: 'silent',
    }).then(() => file);
    built.set(entry, out);
  }
  return out;
}

/** A started child and the first line it printed (parsed as JSON). */
export interface Child<T> {
  readonly process: ChildProcess;
  readonly firstLine: T;
  /** SIGKILL, and resolves once it is gone. */
  kill(): Promise<void>;
}

/** Starts `entry` (relative to test/engines) with `args` (as another user, with another env) and waits for its first stdout line. */
export async function startChild<T>(
  entry: string,
  args: readonly string[],
  as: { uid?: number; gid?: number; env?: Record<string, string> } = {},
): Promise<Child<T>> {
  const file = await bundle(entry);
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT, ...as });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) resolve(stdout.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before printing:\n${stderr}`)));
    // A child that cannot start (EACCES, ENOENT) fails the test at once instead of hanging it.
    child.once('error', reject);
  });
  return {
    process: child,
    firstLine: JSON.parse(firstLine) as T,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
