/** `kler transactions list`. */
import type { Transaction } from '../../schemas/transaction.js';
import { formatOption, noBomOption, type Command } from '../command.js';
import { closedOnly, concurrencyOf, concurrencyOption, refuseOpenSession, withConcurrency } from '../concurrency.js';
import { CliUsageError, EXIT } from '../errors.js';
import { interruption, stopsAfter } from '../interrupt.js';
import { formatOf, printRows } from '../output.js';
import { progressLine } from '../progress.js';
import { rowStream } from '../row-stream.js';
import { TRANSACTION_CSV, TRANSACTION_TABLE } from '../views.js';
import { intOption, requiredArg } from '../values.js';

const FORMATS = ['table', 'json', 'csv'] as const;

export const transactionsList: Command = {
  words: ['transactions', 'list'],
  summary: "list a session's transactions, newest first",
  description:
    'Prints one page by default. With --all, reads every page (each transaction once, even while payments arrive) and shows a progress count on a terminal.',
  args: ['session_id'],
  usesApi: true,
  options: {
    all: { type: 'boolean', description: 'every transaction, page by page' },
    limit: { type: 'string', value: '<n>', description: 'transactions per page, 1–100 (default 50)' },
    offset: { type: 'string', value: '<n>', description: 'skip the n newest (default 0; not with --all)' },
    concurrency: { ...concurrencyOption, description: `with --all, ${concurrencyOption.description}` },
    format: formatOption(FORMATS),
    'no-bom': noBomOption,
  },
  examples: [
    'kler transactions list 3f1e2d9a8b7c --limit 10',
    'kler transactions list 3f1e2d9a8b7c --all --format csv > transactions.csv',
    "kler transactions list 3f1e2d9a8b7c --all --format json | jq '.[] | select(.status == \"failed\")'",
    'kler transactions list 3f1e2d9a8b7c --all --concurrency 8 --format csv > closed-session.csv',
  ],
  async run(ctx) {
    const format = formatOf(ctx, [...FORMATS]);
    const session_id = requiredArg(ctx, 0, 'session_id');
    const limit = intOption(ctx, 'limit', 1, 100);
    if (ctx.values['all'] && ctx.values['offset'] !== undefined) {
      throw new CliUsageError('--offset cannot be combined with --all, which always starts with the newest transaction.');
    }
    const concurrency = concurrencyOf(ctx);
    if (concurrency !== undefined && !ctx.values['all']) {
      throw new CliUsageError('--concurrency reads several pages at once, so it needs --all.');
    }
    // Only a read of every page is long enough to stop halfway; a single page ends on Ctrl-C as usual.
    const stop = ctx.values['all'] ? interruption(ctx.io) : undefined;
    await refuseOpenSession(ctx, session_id, concurrency, stop ? { signal: stop.signal } : {});
    const list = ctx.client().transactions.list(
      {
        session_id,
        ...(limit !== undefined ? { limit } : {}),
        ...(ctx.values['all'] ? {} : withOffset(intOption(ctx, 'offset', 0))),
      },
      { ...(stop ? { signal: stop.signal } : {}), ...withConcurrency(concurrency) },
    );
    const columns = format === 'csv' ? TRANSACTION_CSV : TRANSACTION_TABLE;
    if (!ctx.values['all']) return printRows(ctx, format, columns, (await list).data);
    // CSV and JSON are written as pages arrive (memory stays flat); a table needs every row first
    // to size its columns.
    const rows: Transaction[] = [];
    const out =
      format === 'table'
        ? { add: (row: Transaction) => void rows.push(row), flush: () => undefined, end: () => undefined }
        : rowStream(ctx, format, columns);
    const progress = progressLine(ctx.io, { verb: 'Fetched', noun: 'transactions', pages: ctx.pagesRead });
    let count = 0;
    let lastId: string | undefined;
    try {
      for await (const transaction of closedOnly(list, session_id)) {
        out.add(transaction);
        lastId = transaction.id;
        progress.tick(++count);
      }
    } catch (error) {
      progress.done();
      if (stop?.interrupted) {
        if (format === 'table') {
          ctx.io.err(`Interrupted after reading ${count.toLocaleString('en')} transactions; the table was not printed.\n`);
        } else {
          out.flush();
          ctx.io.err(stopsAfter(`the ${format.toUpperCase()} output`, count, lastId));
        }
        return EXIT.interrupted;
      }
      // Rows already written stay written: say so, so a file redirected from stdout is not taken
      // for the whole list.
      if (format !== 'table' && count > 0 && error instanceof Error) {
        out.flush(); // the rows read so far are right: keep them, and say where they stop
        error.message += ` The ${format.toUpperCase()} output is incomplete: it stops after ${count} transactions.`;
      }
      throw error;
    }
    progress.done();
    out.end();
    if (format === 'table') printRows(ctx, format, columns, rows);
  },
};

const withOffset = (offset: number | undefined) => (offset !== undefined ? { offset } : {});
