/**
 * Everything the `kler` command touches outside itself — output streams, environment, files,
 * signals — behind one small interface, so commands stay plain functions of their input.
 */

/** The command's view of the process it runs in. */
export interface CliIo {
  /** Writes to standard output (results: tables, JSON, CSV). */
  out(text: string): void;
  /** Writes to standard error (errors, progress, hints). */
  err(text: string): void;
  /** Whether standard error is a terminal, where a progress line can be redrawn. */
  readonly errIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<string>;
  /** Resolves when the user asks the command to stop (Ctrl+C, SIGTERM). */
  interrupted(): Promise<void>;
}

/** The real process: `process.stdout`, `process.stderr`, `process.env`, `node:fs`. */
export async function processIo(): Promise<CliIo> {
  const { readFile } = await import('node:fs/promises');
  // `kler … | head` closes the pipe early: stop quietly, as Unix tools do, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    readFile: (path) => readFile(path, 'utf8'),
    interrupted: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
