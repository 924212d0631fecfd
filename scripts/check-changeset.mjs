#!/usr/bin/env node
/**
 * `npm run check:changeset`: fails when `src/` changed relative to the base branch but no
 * changeset (`.changeset/*.md`) was added, so every user-visible change reaches CHANGELOG.md.
 *
 * Base: `$CHANGESET_BASE` when set (e.g. `CHANGESET_BASE=origin/release-1.x`), else `origin/main`.
 * The comparison runs from the merge-base of base and HEAD to the working tree, so committed,
 * staged, unstaged and untracked files all count (it works before you commit, too).
 * Skips (exit 0, with a note) where there is nothing to compare against: no git, the base ref
 * missing (a fresh clone without remotes, a shallow CI checkout), or HEAD at the base itself.
 *
 * A change that needs no release note (a refactor, a comment) still needs an explicit empty
 * changeset: `npx changeset --empty`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).name;

function git(...args) {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return { ok: result.status === 0 && !result.error, out: (result.stdout ?? '').trim(), err: (result.stderr ?? '').trim() };
}

function skip(reason) {
  console.log(`check:changeset skipped: ${reason}`);
  process.exit(0);
}

const base = process.env.CHANGESET_BASE || 'origin/main';
if (!git('rev-parse', '--is-inside-work-tree').ok) skip('not a git work tree.');
if (!git('rev-parse', '--verify', '--quiet', `${base}^{commit}`).ok) {
  skip(`no "${base}" to compare with (set CHANGESET_BASE to a ref that exists, e.g. main).`);
}
const mergeBase = git('merge-base', base, 'HEAD');
if (!mergeBase.ok) skip(`"${base}" and HEAD share no history here (shallow clone?): ${mergeBase.err}`);

const changed = new Set(
  [
    ...git('diff', '--name-only', '--no-renames', mergeBase.out).out.split('\n'),
    ...git('ls-files', '--others', '--exclude-standard').out.split('\n'),
  ].filter(Boolean),
);
if (changed.size === 0) skip(`no changes since ${base}.`);

const sourceChanges = [...changed].filter((file) => file.startsWith('src/'));
const changesets = [...changed].filter((file) => /^\.changeset\/[^/]+\.md$/.test(file) && !file.endsWith('README.md'));

// A changeset must name this package with a valid bump (or be empty, from `changeset --empty`).
const invalid = [];
for (const file of changesets) {
  let text;
  try {
    text = readFileSync(join(ROOT, file), 'utf8');
  } catch {
    continue; // deleted on this branch: `changeset version` consumed it
  }
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text);
  const bumps = frontmatter ? frontmatter[1].split('\n').map((line) => line.trim()).filter(Boolean) : null;
  const valid =
    bumps !== null &&
    bumps.every((line) => new RegExp(`^["']?${PACKAGE.replace('/', '\\/')}["']?\\s*:\\s*(patch|minor|major)$`).test(line));
  if (!valid) invalid.push(file);
}

console.log(`Compared with ${base} (merge-base ${mergeBase.out.slice(0, 10)}): ${changed.size} files changed, ${sourceChanges.length} in src/, ${changesets.length} changeset(s).`);
if (invalid.length > 0) {
  console.error(`✖ Invalid changeset(s): ${invalid.join(', ')}. Each needs front matter like\n---\n"${PACKAGE}": patch\n---`);
  process.exit(1);
}
if (sourceChanges.length > 0 && changesets.length === 0) {
  console.error(
    `✖ src/ changed (${sourceChanges.slice(0, 5).join(', ')}${sourceChanges.length > 5 ? ', …' : ''}) without a changeset.\n` +
      '  Run `npx changeset`, pick the bump, and describe the change for users;\n' +
      '  for a change users cannot notice, `npx changeset --empty`.',
  );
  process.exit(1);
}
console.log('✔ changeset check passed');
