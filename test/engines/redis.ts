/**
 * A real `redis-server` for tests: a free loopback port, a temp directory, append-only
 * persistence (fsync on every write), so a restart keeps what was acknowledged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisServerBinary, stopProcess, waitFor } from './ensure.js';

/** A running Redis the test owns. */
export interface RedisEngine {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM: AOF flushed) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

/** Starts `redis-server` on 127.0.0.1 (installing it with apt when missing and root). */
export async function startRedis(): Promise<RedisEngine> {
  const binary = redisServerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'kler-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    log = '';
    child = spawn(binary, [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
      '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no', '--protected-mode', 'no',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    try {
      await waitFor(`redis-server on port ${port}`, () => ping(port));
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${log}`);
    }
  };
  const halt = () => stopProcess(child, 'SIGTERM');
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
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
