/** `kler reconcile`: a session's live totals, and optionally the audit of them. */
import { ReconciliationAuditor, type CreditedPayment, type ReconciliationAuditReport } from '../../resources/reconciliation-audit.js';
import type { Reconciliation } from '../../schemas/reconciliation.js';
import { formatOption, noBomOption, type Command, type RunContext } from '../command.js';
import { closedOnly, concurrencyOf, concurrencyOption, withConcurrency } from '../concurrency.js';
import { parseCredited } from '../credited.js';
import { renderCsv } from '../csv.js';
import { CliUsageError, EXIT } from '../errors.js';
import { FINDING_COLUMNS, findings } from '../findings.js';
import { interruption } from '../interrupt.js';
import { progressLine } from '../progress.js';
import { formatOf, printJson, printRows } from '../output.js';
import { renderTable, type Column } from '../table.js';
import { BREAKDOWN_COLUMNS, reconciliationRows, TRANSACTION_TABLE } from '../views.js';
import { requiredArg, stringOption } from '../values.js';

const FORMATS = ['table', 'json', 'csv'] as const;

export const reconcile: Command = {
  words: ['reconcile'],
  summary: "a session's totals by status, channel and terminal; --audit checks them",
  description: [
    'Prints Kler\'s reconciliation summary. With --audit, also reads every transaction, recomputes the',
    'summary exactly and lists what disagrees; with --credited, compares the payments your platform',
    'credited (a CSV with "id" and "amount" columns) with Kler\'s. Exit code 3 when the audit finds differences.',
    'CSV: without --audit, rows of group,key,count,total; with --audit, one row per finding.',
  ].join('\n'),
  args: ['session_id'],
  usesApi: true,
  options: {
    audit: { type: 'boolean', description: 'recompute the summary from the transactions and compare' },
    credited: { type: 'string', value: '<file.csv>', description: 'your credited payments (id, amount) to compare; implies --audit' },
    concurrency: { ...concurrencyOption, description: `with --audit, ${concurrencyOption.description}` },
    format: formatOption(FORMATS),
    'no-bom': noBomOption,
  },
  examples: [
    'kler reconcile 3f1e2d9a8b7c',
    'kler reconcile 3f1e2d9a8b7c --format csv > reconciliation.csv',
    'kler reconcile 3f1e2d9a8b7c --credited tickets.csv',
    'kler reconcile 3f1e2d9a8b7c --audit --concurrency 8',
  ],
  async run(ctx) {
    const format = formatOf(ctx, [...FORMATS]);
    const sessionId = requiredArg(ctx, 0, 'session_id');
    const file = stringOption(ctx, 'credited');
    const credited = file === undefined ? undefined : parseCredited(await ctx.io.readFile(file), file);
    const concurrency = concurrencyOf(ctx);
    const kler = ctx.client();
    if (!ctx.values['audit'] && credited === undefined) {
      if (concurrency !== undefined) throw new CliUsageError('--concurrency reads the transactions of an audit: add --audit.');
      const reconciliation = await kler.reconciliation.retrieve(sessionId);
      if (format === 'table') ctx.io.out(heading(reconciliation));
      printRows(ctx, format, BREAKDOWN_COLUMNS, reconciliationRows(reconciliation), reconciliation);
      return;
    }
    const report = await auditWithProgress(ctx, sessionId, credited, concurrency);
    if (report === undefined) return EXIT.interrupted;
    if (format === 'json') printJson(ctx, report);
    else if (format === 'csv') ctx.io.out(renderCsv(FINDING_COLUMNS, findings(report), { bom: ctx.values['no-bom'] !== true }));
    else printAudit(ctx, report);
    return report.consistent ? EXIT.ok : EXIT.auditDifferences;
  },
};

/**
 * `kler.reconciliation.audit`, step by step (the summary first, then every transaction into the
 * same auditor), so a terminal shows progress and Ctrl-C stops it; `undefined` when interrupted.
 */
async function auditWithProgress(
  ctx: RunContext,
  sessionId: string,
  credited: CreditedPayment[] | undefined,
  concurrency: number | undefined,
): Promise<ReconciliationAuditReport | undefined> {
  const kler = ctx.client();
  const stop = interruption(ctx.io);
  const options = { signal: stop.signal };
  const progress = progressLine(ctx.io, { verb: 'Audited', noun: 'transactions', pages: ctx.pagesRead });
  let count = 0;
  try {
    const auditor = new ReconciliationAuditor(await kler.reconciliation.retrieve(sessionId, options), { credited });
    const list = kler.transactions.list({ session_id: sessionId }, { ...options, ...withConcurrency(concurrency) });
    for await (const transaction of closedOnly(list, sessionId)) {
      auditor.add(transaction);
      progress.tick(++count);
    }
    progress.done();
    return auditor.finish();
  } catch (error) {
    progress.done();
    if (!stop.interrupted) throw error;
    ctx.io.err(`Interrupted after reading ${count.toLocaleString('en')} transactions: the audit is incomplete, nothing was printed.\n`);
    return undefined;
  }
}

function heading(r: Reconciliation): string {
  return (
    `Session ${r.session_id}, reconciled at ${r.reconciled_at}\n` +
    `Total inflow ${r.total_inflow} from ${r.successful_count} successful of ${r.transaction_count} transactions\n\n`
  );
}

function printAudit(ctx: RunContext, report: ReconciliationAuditReport): void {
  const out = (text: string) => ctx.io.out(text);
  out(heading(report.reconciliation));
  out(renderTable(BREAKDOWN_COLUMNS, reconciliationRows(report.reconciliation)));
  out(`\nAudit of ${report.transactions_counted} transactions`);
  out(report.transactions_after_summary ? ` (${report.transactions_after_summary} newer than the summary left out)\n` : '\n');
  if (report.differences.length === 0) out('  The summary matches the transactions.\n');
  else out(renderTable(DIFFERENCE_COLUMNS, report.differences, '  '));
  for (const skip of report.skipped) out(`  Not checked: ${skip.field}: ${skip.reason}.\n`);
  const credits = report.credited;
  if (!credits) return;
  out(`\nCredits: you credited ${credits.credited_total}; Kler's successful transactions total ${credits.successful_total}\n`);
  if (credits.consistent) out('  Every successful transaction was credited once, for its amount.\n');
  const section = <Row>(title: string, columns: readonly Column<Row>[], rows: readonly Row[]) => {
    if (rows.length) out(`  ${title} (${rows.length}):\n${renderTable(columns, rows, '    ')}`);
  };
  section('Paid at Kler, not credited', TRANSACTION_TABLE, credits.missing_credits);
  section('Credited, but Kler has no such transaction', CREDIT_COLUMNS, credits.unknown_credits);
  section('Credited for a different amount', MISMATCH_COLUMNS, credits.amount_mismatches);
  section('Credited more than once', DUPLICATE_COLUMNS, credits.duplicate_credits);
  section('Credited, but not successful at Kler', UNSUCCESSFUL_COLUMNS, credits.unsuccessful_credits);
}

type Difference = ReconciliationAuditReport['differences'][number];
type Credits = NonNullable<ReconciliationAuditReport['credited']>;

const DIFFERENCE_COLUMNS: Column<Difference>[] = [
  { name: 'field', title: 'FIELD', get: (d) => d.field },
  { name: 'kler', title: 'KLER', get: (d) => d.kler ?? '(absent)', numeric: true },
  { name: 'computed', title: 'FROM TRANSACTIONS', get: (d) => d.computed ?? '(absent)', numeric: true },
];
const CREDIT_COLUMNS: Column<Credits['unknown_credits'][number]>[] = [
  { name: 'id', title: 'ID', get: (c) => c.id },
  { name: 'amount', title: 'CREDITED', get: (c) => c.amount, numeric: true },
];
const MISMATCH_COLUMNS: Column<Credits['amount_mismatches'][number]>[] = [
  { name: 'id', title: 'ID', get: (m) => m.id },
  { name: 'kler_amount', title: 'KLER', get: (m) => m.kler_amount, numeric: true },
  { name: 'credited_amount', title: 'CREDITED', get: (m) => m.credited_amount, numeric: true },
];
const DUPLICATE_COLUMNS: Column<Credits['duplicate_credits'][number]>[] = [
  { name: 'id', title: 'ID', get: (d) => d.id },
  { name: 'times', title: 'TIMES', get: (d) => d.times, numeric: true },
  { name: 'credited_amounts', title: 'AMOUNTS', get: (d) => d.credited_amounts.join(' ') },
];
const UNSUCCESSFUL_COLUMNS: Column<Credits['unsuccessful_credits'][number]>[] = [
  { name: 'id', title: 'ID', get: (u) => u.id },
  { name: 'status', title: 'KLER STATUS', get: (u) => u.status },
  { name: 'credited_amount', title: 'CREDITED', get: (u) => u.credited_amount, numeric: true },
];
