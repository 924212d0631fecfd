/**
 * `--concurrency`: reading a closed session's pages several at a time
 * (`transactions.list(params, { concurrency })`), and the SDK's refusal on a session that is not
 * closed turned into a usage error that says what to do.
 */
import { KlerConfigurationError } from '../core/errors.js';
import type { OptionSpec, RunContext } from './command.js';
import { CliUsageError } from './errors.js';
import { intOption } from './values.js';

/** The most pages read at once: the SDK's own limit. */
const MAX = 16;

/** The option, as every command that reads a whole session declares it. */
export const concurrencyOption: OptionSpec = {
  type: 'string',
  value: '<n>',
  description: `pages read at once, 1–${MAX}, for a CLOSED session only: same rows, same order, faster (default 1)`,
};

/** `--concurrency`, checked; `undefined` when not given. */
export function concurrencyOf(ctx: RunContext): number | undefined {
  return intOption(ctx, 'concurrency', 1, MAX);
}

/** The list options for `concurrency` (nothing for sequential reads). */
export const withConcurrency = (concurrency: number | undefined): { concurrency?: number } =>
  concurrency !== undefined && concurrency > 1 ? { concurrency } : {};

const notClosed = (sessionId: string, status: string) =>
  new CliUsageError(
    `--concurrency needs a closed session, and session ${sessionId} is ${status}: close it first (kler sessions close ${sessionId}), or leave --concurrency out (sequential reads stay exact while payments arrive).`,
  );

/**
 * Refuses an open session before anything is written (a CSV header, a workbook's first bytes on
 * standard output) when pages are to be read in parallel; one request, only then.
 */
export async function refuseOpenSession(ctx: RunContext, sessionId: string, concurrency: number | undefined, options: { signal?: AbortSignal }): Promise<void> {
  if (concurrency === undefined || concurrency < 2) return;
  const { status } = await ctx.client().sessions.retrieve(sessionId, options);
  if (status !== 'closed') throw notClosed(sessionId, JSON.stringify(status));
}

/**
 * `rows`, with the SDK's "concurrency needs a closed session" refusal turned into a one-line usage
 * error (exit 2). Told apart from other configuration errors (no API key, say) by its wording,
 * which `transactions.list` in this package writes.
 */
export async function* closedOnly<T>(rows: AsyncIterable<T>, sessionId: string): AsyncGenerator<T, void, undefined> {
  try {
    yield* rows;
  } catch (error) {
    const refused = error instanceof KlerConfigurationError && /concurrency needs a closed session/.exec(error.message);
    if (!refused) throw error;
    const status = /this one is ("[^"]*")/.exec((error as Error).message)?.[1] ?? 'not closed';
    throw notClosed(sessionId, status);
  }
}
