/** `kler transactions list`. */
import type { Transaction } from '../../schemas/transaction.js';
import { formatOption, noBomOption, type Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { formatOf, printRows } from '../output.js';
import { progressLine } from '../progress.js';
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
    format: formatOption(FORMATS),
    'no-bom': noBomOption,
  },
  examples: [
    'kler transactions list 3f1e2d9a8b7c --limit 10',
    'kler transactions list 3f1e2d9a8b7c --all --format csv > transactions.csv',
    "kler transactions list 3f1e2d9a8b7c --all --format json | jq '.[] | select(.status == \"failed\")'",
  ],
  async run(ctx) {
    const format = formatOf(ctx, [...FORMATS]);
    const session_id = requiredArg(ctx, 0, 'session_id');
    const limit = intOption(ctx, 'limit', 1, 100);
    if (ctx.values['all'] && ctx.values['offset'] !== undefined) {
      throw new CliUsageError('--offset cannot be combined with --all, which always starts with the newest transaction.');
    }
    const list = ctx.client().transactions.list({
      session_id,
      ...(limit !== undefined ? { limit } : {}),
      ...(ctx.values['all'] ? {} : withOffset(intOption(ctx, 'offset', 0))),
    });
    let transactions: Transaction[];
    if (ctx.values['all']) {
      transactions = [];
      const progress = progressLine(ctx.io, (n) => `Fetched ${n.toLocaleString('en')} transactions…`);
      try {
        for await (const transaction of list) {
          transactions.push(transaction);
          progress.tick(transactions.length);
        }
      } finally {
        progress.done();
      }
    } else {
      transactions = (await list).data;
    }
    printRows(ctx, format, format === 'csv' ? TRANSACTION_CSV : TRANSACTION_TABLE, transactions);
  },
};

const withOffset = (offset: number | undefined) => (offset !== undefined ? { offset } : {});
