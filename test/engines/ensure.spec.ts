/**
 * A missing engine fails the engine suite with the one command to run (never a skip), when the
 * harness cannot install it itself (not root). Run as an unprivileged user with a PATH that
 * has no `redis-server`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startChild } from './child.js';

const isRoot = process.getuid?.() === 0;
const unprivileged = () => {
  const [, , uid, gid] = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
};
/**
 * Whether that user can run this checkout's Node at all: not when the clone sits under a
 * directory only root may enter (`mktemp -d` makes one), which says nothing about the harness.
 */
const unprivilegedCanRunNode = () =>
  isRoot && spawnSync(process.execPath, ['-e', ''], { ...unprivileged(), env: {}, stdio: 'ignore' }).status === 0;

describe('the engine harness', () => {
  it('finds redis-server when it is installed', async () => {
    const child = await startChild<{ path?: string }>('children/ensure-engine.ts', ['redis']);
    expect(child.firstLine.path).toMatch(/\/redis-server$/);
  });

  // Needs a second user to drop to; CI and this project's machines run as root with postgres
  // installed, and that user must be able to reach the checkout.
  it.runIf(unprivilegedCanRunNode())('without root and without redis-server, fails with the apt command to run', async () => {
    const child = await startChild<{ error?: string }>('children/ensure-engine.ts', ['redis'], {
      ...unprivileged(),
      env: { PATH: '/nonexistent' },
    });
    expect(child.firstLine.error).toContain('sudo apt-get update && sudo apt-get install -y redis-server');
  });
});
