/**
 * Ctrl-C during a long read (`transactions list --all`, `export`, `reconcile --audit`): the
 * request in flight is aborted, the rows already written stay written, and the command says
 * where its output stops and exits 130, as a shell does for a process ended by SIGINT.
 */
import type { CliIo } from './io.js';

/** Whether the user asked to stop, as a signal the SDK's requests take. */
export interface Interruption {
  /** Aborted on the first Ctrl-C (or SIGTERM); pass it as a request's `signal`. */
  readonly signal: AbortSignal;
  /** True once the user asked to stop. */
  readonly interrupted: boolean;
}

/**
 * Listens for the user's Ctrl-C for the rest of the command. Only the first one is caught:
 * a second one ends the process at once, as usual, if stopping cleanly takes too long.
 * @example
 * const stop = interruption(ctx.io);
 * for await (const t of kler.transactions.list({ session_id }, { signal: stop.signal })) …
 */
export function interruption(io: CliIo): Interruption {
  const controller = new AbortController();
  void io.interrupted().then(() => controller.abort(new Error('Interrupted by the user (Ctrl-C).')));
  return {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
  };
}

/** `Interrupted: the CSV output stops after 1,234 transactions (the last is txn_…).` */
export function stopsAfter(what: string, rows: number, lastId: string | undefined): string {
  const last = lastId === undefined ? '' : ` (the last is ${lastId})`;
  return `Interrupted: ${what} stops after ${rows.toLocaleString('en')} transaction${rows === 1 ? '' : 's'}${last}.\n`;
}
