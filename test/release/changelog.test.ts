import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The release path of RELEASING.md, run for real on a clone of the committed tree: the pending
 * changesets (plus one added here) must become a CHANGELOG.md entry and a version bump, and be
 * used up. Nothing is published.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUMPS = ['patch', 'minor', 'major'] as const;
type Bump = (typeof BUMPS)[number];

const work = mkdtempSync(join(tmpdir(), 'kler-release-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[]): string {
  return execFileSync(command, args, {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', GIT_AUTHOR_NAME: 'Release Test', GIT_AUTHOR_EMAIL: 'release@test.invalid', GIT_COMMITTER_NAME: 'Release Test', GIT_COMMITTER_EMAIL: 'release@test.invalid' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Each pending changeset's bump for this package and its first summary line. */
function pendingChangesets(dir: string): { bump: Bump; summary: string }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
      const bump = /['"]@kler\/sdk['"]\s*:\s*(patch|minor|major)/.exec(front)?.[1] as Bump;
      return { bump, summary: body.trim().split('\n')[0] ?? '' };
    });
}

/** `version` raised by `bump`, as semver defines it. */
function raise(version: string, bump: Bump): string {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** Releases are cut from a git checkout; an exported tree (no `.git`) has nothing to clone. */
const inGitCheckout = existsSync(join(ROOT, '.git'));

describe('release notes (changesets)', () => {
  it.skipIf(!inGitCheckout)('`changeset version` writes the pending changesets into CHANGELOG.md, bumps the version and uses them up', () => {
    run('git', ['clone', '--quiet', '--no-hardlinks', ROOT, work]);
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    writeFileSync(
      join(work, '.changeset', 'release-test-entry.md'),
      "---\n'@kler/sdk': minor\n---\n\nAdds the entry this test looks for.\n",
    );
    run('git', ['add', '.changeset']);
    run('git', ['commit', '--quiet', '-m', 'A changeset to release']);

    const pending = pendingChangesets(join(work, '.changeset'));
    const before = (JSON.parse(readFileSync(join(work, 'package.json'), 'utf8')) as { version: string }).version;
    const highest = BUMPS[Math.max(...pending.map((c) => BUMPS.indexOf(c.bump)))]!;
    const expected = raise(before, highest);
    const previousLog = existsSync(join(work, 'CHANGELOG.md')) ? readFileSync(join(work, 'CHANGELOG.md'), 'utf8') : '';

    run(join(ROOT, 'node_modules', '.bin', 'changeset'), ['version']);

    const after = (JSON.parse(readFileSync(join(work, 'package.json'), 'utf8')) as { version: string }).version;
    expect(after).toBe(expected);
    const log = readFileSync(join(work, 'CHANGELOG.md'), 'utf8');
    const entry = log.slice(0, log.length - previousLog.replace(/^# @kler\/sdk\s*/, '').length);
    expect(entry).toMatch(new RegExp(`^# @kler/sdk\\s+## ${expected.replaceAll('.', '\\.')}\\n`));
    for (const { summary } of pending) expect(entry).toContain(summary);
    expect(pendingChangesets(join(work, '.changeset'))).toEqual([]);
  }, 60_000);
});
