/**
 * After the event: the accountant's check. Audits a session against Kler's own transactions and
 * against what your ticketing platform credited, exactly to the kobo, and exits 1 if anything
 * disagrees. A closed session's pages no longer shift, so they are read several at a time.
 *
 *   KLER_API_KEY=… npx node examples/reconcile-event.ts <session_id> credited.csv
 *   (`npx node` is the repository's Node 24; any Node ≥ 22.18 runs the TypeScript as is)
 *
 * `credited.csv` is your platform's export of the payments it issued tickets for:
 *
 *   transaction_id,amount
 *   txn_01J2…,5000.00
 *   txn_01J3…,2500.00
 */
import { readFile } from 'node:fs/promises';
import { KlerClient, sumAmounts, type CreditedPayment, type ReconciliationAuditReport } from '@kler/sdk';

const [sessionId, csvPath] = process.argv.slice(2);
if (!sessionId || !csvPath) {
  console.error('usage: node examples/reconcile-event.ts <session_id> <credited.csv>');
  process.exit(2);
}

/** Reads `transaction_id,amount` rows. Amounts stay strings: the audit validates them. */
async function readCredited(path: string): Promise<CreditedPayment[]> {
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(1).map((line) => {
    const [id = '', amount = ''] = line.split(',').map((cell) => cell.trim());
    return { id, amount };
  });
}

function print(report: ReconciliationAuditReport): void {
  const { reconciliation: kler, computed } = report;
  console.log(`Session ${report.session_id}, Kler's summary as of ${kler.reconciled_at}`);
  console.log(`  total inflow   Kler ${kler.total_inflow.padStart(14)}   recomputed ${computed.total_inflow.padStart(14)}`);
  console.log(`  transactions   Kler ${String(kler.transaction_count).padStart(14)}   recomputed ${String(computed.transaction_count).padStart(14)}`);
  if (report.transactions_after_summary > 0) {
    console.log(`  (${report.transactions_after_summary} transaction(s) arrived after the summary; compared with your credits only)`);
  }
  for (const skipped of report.skipped) console.log(`  not checked: ${skipped.field}: ${skipped.reason}`);

  if (report.differences.length > 0) {
    console.log("\nKler's summary disagrees with its own transactions:");
    console.table(report.differences);
  }

  const credited = report.credited;
  if (!credited) return;
  console.log(`\nYou credited ${credited.credited_total}; Kler received ${credited.successful_total} in successful payments.`);
  const missing = credited.missing_credits;
  if (missing.length > 0) {
    console.log(`\n${missing.length} paid but never credited (${sumAmounts(missing.map((t) => t.amount))}):`);
    console.table(missing.map((t) => ({ id: t.id, amount: t.amount, channel: t.channel, sender: t.sender_name ?? '' })));
  }
  if (credited.unknown_credits.length > 0) {
    console.log('\nCredited, but Kler has no such transaction:');
    console.table(credited.unknown_credits);
  }
  if (credited.amount_mismatches.length > 0) {
    console.log('\nCredited with the wrong amount:');
    console.table(credited.amount_mismatches);
  }
  if (credited.duplicate_credits.length > 0) {
    console.log('\nCredited more than once:');
    console.table(credited.duplicate_credits.map((d) => ({ ...d, credited_amounts: d.credited_amounts.join(' + ') })));
  }
  if (credited.unsuccessful_credits.length > 0) {
    console.log('\nCredited, but the payment did not succeed:');
    console.table(credited.unsuccessful_credits);
  }
}

const kler = new KlerClient(); // reads KLER_API_KEY
const { status } = await kler.sessions.retrieve(sessionId);
// Parallel pages need a closed session (on an open one, offsets move as payments arrive).
const reads = status === 'closed' ? { concurrency: 4 } : {};
const report = await kler.reconciliation.audit(sessionId, { credited: await readCredited(csvPath), limit: 100 }, reads);
if (status === 'closed') console.log('(closed session: pages read 4 at a time)');
print(report);
console.log(report.consistent ? '\nEverything agrees, to the kobo.' : '\nSee the differences above.');
process.exitCode = report.consistent ? 0 : 1;
