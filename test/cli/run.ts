import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built command; `npm test` builds before running vitest. */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What a `kler` run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli.js ...args` as a subprocess, asynchronously, so an in-process mock server
 * keeps answering while it runs. The environment is minimal: only what the test passes (plus
 * PATH), so a developer's own KLER_* variables cannot leak in.
 */
export function kler(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
