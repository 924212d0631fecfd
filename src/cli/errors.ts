/**
 * The command was called wrongly (unknown option, missing argument, bad value): exit code 2, and
 * the message says how to get help.
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Exit codes: documented in `kler --help`, stable for scripts. */
export const EXIT = {
  ok: 0,
  /** A request failed, or something else went wrong. */
  failure: 1,
  /** The command line was wrong. */
  usage: 2,
  /** `kler reconcile --audit` ran and found differences. */
  auditDifferences: 3,
  /** The user pressed Ctrl-C (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;
