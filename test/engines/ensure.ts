/**
 * Finds an engine's binary, installing its Debian package when it is missing and we are root
 * (as on CI). A missing engine is a failure with the one command to run, never a skipped test.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

const isRoot = () => process.getuid?.() === 0;

function onPath(binary: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir && existsSync(`${dir}/${binary}`)) return `${dir}/${binary}`;
  }
  return undefined;
}

let updated = false;

/** Installs `pkg` with apt (once `apt-get update` has run), or throws the command to run. */
function install(pkg: string, binary: string): void {
  if (!isRoot() || !onPath('apt-get')) {
    throw new Error(
      `The engine tests need \`${binary}\` (Debian package ${pkg}). Install it with:\n  sudo apt-get update && sudo apt-get install -y ${pkg}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  updated = true;
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'ignore', env });
}

/** The path of `redis-server`, installing the `redis-server` package when missing. */
export function redisServerBinary(): string {
  const found = onPath('redis-server');
  if (found) return found;
  install('redis-server', 'redis-server');
  const path = onPath('redis-server');
  if (!path) throw new Error('apt installed redis-server but it is not on PATH');
  return path;
}

/** The directory of PostgreSQL's server binaries (`initdb`, `postgres`), installing `postgresql` when missing. */
export function postgresBinDir(): string {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (existsSync(root)) {
      const versions = readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/postgres`));
      versions.sort((a, b) => Number(b) - Number(a));
      if (versions[0]) return `${root}/${versions[0]}/bin`;
    }
    const initdb = onPath('initdb');
    return initdb && onPath('postgres') ? initdb.slice(0, -'/initdb'.length) : undefined;
  };
  const found = find();
  if (found) return found;
  install('postgresql', 'postgres');
  const dir = find();
  if (!dir) throw new Error('apt installed postgresql but no /usr/lib/postgresql/*/bin/postgres exists');
  return dir;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `ready` until it resolves true, or throws after `timeoutMs` with `what`. */
export async function waitFor(what: string, ready: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await ready()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stops an engine's server process with `signal` and waits for it to exit; nothing if it already has. */
export async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
