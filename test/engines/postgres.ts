/**
 * A real PostgreSQL server for tests: `initdb` in a temp directory, `postgres` on a free
 * loopback port with trust auth. initdb and postgres refuse to run as root, so as root (CI)
 * they run as the `postgres` user the Debian package creates.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, postgresBinDir, stopProcess, waitFor } from './ensure.js';

/** A running PostgreSQL the test owns. */
export interface PostgresEngine {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  /** Stops the server (fast shutdown) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function asOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Starts PostgreSQL on 127.0.0.1 (installing the Debian package when missing and root). */
export async function startPostgres(): Promise<PostgresEngine> {
  const bin = postgresBinDir();
  const owner = asOwner();
  const dir = mkdtempSync(join(tmpdir(), 'kler-pg-'));
  const data = join(dir, 'data');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  // Node drops to the postgres user itself (spawn's uid/gid), so signals reach the server directly.
  const ids = owner ? { uid: owner.uid, gid: owner.gid } : {};
  execFileSync(`${bin}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], {
    stdio: 'pipe',
    cwd: dir,
    ...ids,
  });
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    child = spawn(`${bin}/postgres`, [
      '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
      '-c', 'fsync=off', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
    ], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, ...ids });
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const [isReady, readyArgs] = [`${bin}/pg_isready`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres']];
    try {
      await waitFor(`postgres on port ${port}`, () => {
        if (child?.exitCode !== null) throw new Error('exited');
        execFileSync(isReady, readyArgs, { stdio: 'ignore' });
        return true;
      }, 30_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${log}`);
    }
  };
  // SIGINT is "fast shutdown": running statements are cancelled, committed data stays.
  const halt = () => stopProcess(child, 'SIGINT');
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await halt();
      await start();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
