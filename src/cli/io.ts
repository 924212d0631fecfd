/**
 * Everything the `kler` command touches outside itself — output streams, environment, files,
 * signals — behind one small interface, so commands stay plain functions of their input.
 */

import type { Writable } from 'node:stream';

/**
 * A document being written (`kler export`): to standard output, or to a file that gets its name
 * only once complete, so an interrupted or failed export never leaves a file that looks whole.
 */
export interface OutputTarget {
  /** Bytes go here; backpressure is honoured. */
  readonly stream: Writable;
  /** Where the document goes, for messages: `standard output` or the file's path. */
  readonly name: string;
  /** Waits until everything is written (ending the stream if the writer did not), then moves a file into place. */
  commit(): Promise<void>;
  /** Stops writing; a file's partial copy is removed. */
  discard(): Promise<void>;
}

/** The command's view of the process it runs in. */
export interface CliIo {
  /** Writes to standard output (results: tables, JSON, CSV). */
  out(text: string): void;
  /** Writes to standard error (errors, progress, hints). */
  err(text: string): void;
  /** Whether standard error is a terminal, where a progress line can be redrawn. */
  readonly errIsTTY: boolean;
  /** Whether standard output is a terminal (binary output is refused there). @default false */
  readonly outIsTTY?: boolean;
  /** Opens standard output (no `path`) or the file at `path` for a document; absent where no files can be written. */
  openOutput?(path: string | undefined): Promise<OutputTarget>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<string>;
  /** Resolves when the user asks the command to stop (Ctrl+C, SIGTERM). */
  interrupted(): Promise<void>;
}

/** The real process: `process.stdout`, `process.stderr`, `process.env`, `node:fs`. */
export async function processIo(): Promise<CliIo> {
  const { readFile } = await import('node:fs/promises');
  const { openOutput } = await import('./output-target.js');
  // `kler … | head` closes the pipe early: stop quietly, as Unix tools do, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errIsTTY: Boolean(process.stderr.isTTY),
    outIsTTY: Boolean(process.stdout.isTTY),
    openOutput,
    env: process.env,
    readFile: (path) => readFile(path, 'utf8'),
    interrupted: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
