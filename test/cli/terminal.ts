import { spawn } from 'node:child_process';
import { CLI } from './run.js';

/** What a run under a pseudo-terminal showed, and how it ended. */
export interface TerminalRun {
  code: number | null;
  /** Everything the terminal displayed (the command's stderr, and stdout unless redirected). */
  screen: string;
}

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs `node dist/cli.js ...args` under a pseudo-terminal (util-linux `script`), so its stdout
 * and stderr are terminals as in an interactive shell; `redirect` sends stdout to a file instead
 * (stderr stays the terminal). `interruptWhen` types Ctrl-C once the screen matches it.
 */
export function underTerminal(
  args: readonly string[],
  env: Record<string, string>,
  options: { redirect?: string; interruptWhen?: RegExp } = {},
): Promise<TerminalRun> {
  const command = [process.execPath, CLI, ...args].map(quote).join(' ') + (options.redirect ? ` > ${quote(options.redirect)}` : '');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: { PATH: process.env['PATH'] ?? '', TERM: 'dumb', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let typed = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      if (options.interruptWhen && !typed && options.interruptWhen.test(screen)) {
        typed = true;
        child.stdin.write('\u0003'); // Ctrl-C, as typed: the terminal sends SIGINT
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}
