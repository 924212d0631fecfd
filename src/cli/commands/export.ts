/** `kler export`: a session for the accountant, as an XLSX workbook or a bank-statement CSV. */
import { once } from 'node:events';
import { ReconciliationAuditor } from '../../resources/reconciliation-audit.js';
import type { Reconciliation } from '../../schemas/reconciliation.js';
import type { Settlement } from '../../schemas/settlement.js';
import type { Transaction } from '../../schemas/transaction.js';
import type { Command, RunContext } from '../command.js';
import { closedOnly, concurrencyOf, concurrencyOption, refuseOpenSession, withConcurrency } from '../concurrency.js';
import { csvHeader, csvLines } from '../csv.js';
import { CliUsageError, EXIT } from '../errors.js';
import { bankColumns, DATE_FORMATS, IMPORT_LINE_LIMIT, type BankLayout, type DateFormat } from '../export/bank-csv.js';
import { loadExcelJs } from '../export/load-exceljs.js';
import { WorkbookExport } from '../export/workbook.js';
import { interruption, stopsAfter } from '../interrupt.js';
import type { OutputTarget } from '../io.js';
import { progressLine } from '../progress.js';
import { intOption, requiredArg, stringOption } from '../values.js';

const FORMATS = ['xlsx', 'xero', 'quickbooks'] as const;
type ExportFormat = (typeof FORMATS)[number];

/** Lines per write of the CSV layouts: few writes, little memory. */
const CSV_BATCH = 200;

export const exportCommand: Command = {
  words: ['export'],
  summary: "a session for the accountant: an XLSX workbook, or Xero or QuickBooks CSV",
  description: [
    'xlsx: one workbook with the sheets Summary (Kler\'s reconciliation and settlement figures), Transactions',
    '(one row each, every status; amounts as numbers in NGN, times as dates in Lagos time, WAT) and Differences',
    '(what the audit of `kler reconcile --audit` finds). Needs the exceljs package (npm install exceljs).',
    'xero, quickbooks: the bank-statement CSV each imports (*Date,*Amount,Payee,Description,Reference and',
    'Date,Description,Amount), one line per successful transaction, dated by its day in Lagos.',
    'Written as pages arrive; standard output unless --output is given (a workbook is never written to a terminal).',
  ].join('\n'),
  args: ['session_id'],
  usesApi: true,
  options: {
    format: { type: 'string', value: '<format>', description: 'xlsx, xero or quickbooks (default xlsx)', choices: FORMATS },
    output: { type: 'string', short: 'o', value: '<file>', description: 'write to this file, created only once complete (default standard output)' },
    'date-format': {
      type: 'string',
      value: '<format>',
      description: `Date column of xero and quickbooks: ${DATE_FORMATS.join(', ')} (default dd/mm/yyyy; match your organisation's region)`,
      choices: DATE_FORMATS,
    },
    limit: { type: 'string', value: '<n>', description: 'transactions per request, 1–100 (default 50)' },
    concurrency: concurrencyOption,
  },
  examples: [
    'kler export 3f1e2d9a8b7c --output lagos-festival.xlsx',
    'kler export 3f1e2d9a8b7c --format xero > xero-statement.csv',
    'kler export 3f1e2d9a8b7c --format quickbooks --date-format mm/dd/yyyy -o quickbooks.csv',
    'kler export 3f1e2d9a8b7c --concurrency 8 -o lagos-festival.xlsx',
  ],
  run: (ctx) => runExport(ctx),
};

async function runExport(ctx: RunContext): Promise<number> {
  const format = (stringOption(ctx, 'format') ?? 'xlsx') as ExportFormat;
  const sessionId = requiredArg(ctx, 0, 'session_id');
  const path = stringOption(ctx, 'output');
  const limit = intOption(ctx, 'limit', 1, 100);
  const concurrency = concurrencyOf(ctx);
  const dateFormat = stringOption(ctx, 'date-format') as DateFormat | undefined;
  if (format === 'xlsx' && dateFormat !== undefined) {
    throw new CliUsageError('--date-format applies to --format xero and quickbooks; a workbook has real date cells.');
  }
  if (format === 'xlsx' && path === undefined && ctx.io.outIsTTY) {
    throw new CliUsageError(
      'Not writing a binary XLSX workbook to the terminal: add --output <file>.xlsx, or redirect it (kler export … > file.xlsx).',
    );
  }
  if (!ctx.io.openOutput) throw new Error('This environment cannot write an export.');
  // Before any request: a missing optional dependency should not cost a session's worth of reads.
  const excel = format === 'xlsx' ? await loadExcelJs() : undefined;

  const kler = ctx.client();
  const stop = interruption(ctx.io);
  const options = { signal: stop.signal };
  // The summary first, so every transaction it covers exists when the list is read (see audit).
  let reconciliation: Reconciliation;
  let settlement: Settlement | undefined;
  try {
    await refuseOpenSession(ctx, sessionId, concurrency, options); // before any byte is written
    reconciliation = await kler.reconciliation.retrieve(sessionId, options);
    settlement = excel ? await kler.settlement.retrieve(sessionId, options) : undefined;
  } catch (error) {
    if (!stop.interrupted) throw error;
    ctx.io.err('Interrupted before any transaction was read: nothing was written.\n');
    return EXIT.interrupted;
  }
  const auditor = new ReconciliationAuditor(reconciliation);

  const target = await ctx.io.openOutput(path);
  const progress = progressLine(ctx.io, { verb: 'Exported', noun: 'transactions', pages: ctx.pagesRead });
  let count = 0;
  // Rows of the output: every transaction in a workbook, the successful ones in a statement.
  let lines = 0;
  let lastLine: string | undefined;
  let lastRead: string | undefined;
  let sink: Sink | undefined;
  try {
    sink = excel
      ? workbookSink(WorkbookExport.start(excel, target.stream, { reconciliation, settlement: settlement! }))
      : csvSink(target, format as BankLayout, dateFormat ?? 'dd/mm/yyyy');
    const list = kler.transactions.list({ session_id: sessionId, ...(limit !== undefined ? { limit } : {}) }, { ...options, ...withConcurrency(concurrency) });
    for await (const transaction of closedOnly(list, sessionId)) {
      auditor.add(transaction);
      if (await sink.add(transaction)) {
        lines++;
        lastLine = transaction.id;
      }
      lastRead = transaction.id;
      progress.tick(++count);
    }
    const report = auditor.finish();
    await sink.finish(report);
    await target.commit();
    progress.done();
    if (!report.consistent) {
      const n = report.differences.length;
      ctx.io.err(
        `Note: Kler's summary and its transactions disagree in ${n} place${n === 1 ? '' : 's'}` +
          (excel ? ': see the Differences sheet.\n' : ': run `kler reconcile --audit` for the details.\n'),
      );
    }
    if (!excel && lines > IMPORT_LINE_LIMIT) {
      ctx.io.err(
        `Note: ${lines.toLocaleString('en')} statement lines; ${format === 'xero' ? 'Xero' : 'QuickBooks Online'} imports at most ` +
          `${IMPORT_LINE_LIMIT.toLocaleString('en')} per file: split it before uploading.\n`,
      );
    }
    if (ctx.io.errIsTTY && path !== undefined) {
      ctx.io.err(`Wrote ${lines.toLocaleString('en')} ${excel ? 'transactions' : 'statement lines'} to ${path}.\n`);
    }
    return EXIT.ok;
  } catch (error) {
    progress.done();
    if (path !== undefined) await target.discard();
    else await sink?.flush().catch(() => undefined); // the lines read so far are right: keep them
    const where = path !== undefined ? `no file was written (the partial ${path} was removed)` : incomplete(format);
    if (stop.interrupted) {
      ctx.io.err(
        path !== undefined
          ? `Interrupted after reading ${count.toLocaleString('en')} transactions${lastRead ? ` (the last is ${lastRead})` : ''}: ${where}.\n`
          : stopsAfter(`the ${format === 'xlsx' ? 'XLSX' : 'CSV'} output`, lines, lastLine).replace(/\.\n$/, `; ${where}.\n`),
      );
      return EXIT.interrupted;
    }
    if (error instanceof Error && !(error instanceof CliUsageError)) {
      error.message += ` The export stopped after ${lines} ${excel ? 'rows' : 'statement lines'}: ${where}.`;
    }
    throw error;
  }
}

function incomplete(format: ExportFormat): string {
  return format === 'xlsx'
    ? 'an incomplete workbook does not open, so export again (with --output <file> to be safe)'
    : 'the lines written so far are complete, the rest are missing';
}

/** Where the rows go; `add` resolves true when the row became a line of the output. */
interface Sink {
  add(transaction: Transaction): Promise<boolean> | boolean;
  finish(report: ReturnType<ReconciliationAuditor['finish']>): Promise<void>;
  /** Writes the rows held so far (after a failure, before saying where the output stops). */
  flush(): Promise<void>;
}

function workbookSink(workbook: WorkbookExport): Sink {
  return {
    add: (transaction) => {
      workbook.add(transaction);
      return true;
    },
    finish: (report) => workbook.finish(report),
    flush: async () => undefined, // a partial workbook is unreadable whatever is flushed
  };
}

/** The bank-statement CSV, written in batches that wait for the output to drain. */
function csvSink(target: OutputTarget, layout: BankLayout, dateFormat: DateFormat): Sink {
  const columns = bankColumns(layout, dateFormat);
  let batch: Transaction[] = [];
  const write = async (text: string) => {
    if (!target.stream.write(text)) await once(target.stream, 'drain');
  };
  const flush = async () => {
    if (batch.length) await write(csvLines(columns, batch));
    batch = [];
  };
  target.stream.write(csvHeader(columns, { bom: false }));
  return {
    async add(transaction) {
      if (transaction.status !== 'successful') return false;
      batch.push(transaction);
      if (batch.length >= CSV_BATCH) await flush();
      return true;
    },
    finish: flush,
    flush,
  };
}
