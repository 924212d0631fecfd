/**
 * After the event, from your own backend: a session's transactions as a workbook for the
 * accountant, written as the pages arrive, amounts as numbers to the kobo, and checked against
 * Kler's reconciliation before you hand it over. From a shell, `npx kler export <session_id>
 * --output file.xlsx` does this and more (summary, audit, Xero and QuickBooks layouts).
 *
 *   npm install exceljs
 *   KLER_API_KEY=… npx node examples/export-workbook.ts <session_id> payments.xlsx
 *
 * Run it on a closed session: on a live one, payments after the summary make the totals differ.
 */
import ExcelJS from 'exceljs';
import { fromMinorUnits, KlerClient, toMinorUnits } from '@kler/sdk';

const [sessionId, file] = process.argv.slice(2);
if (!sessionId || !file) {
  console.error('usage: node examples/export-workbook.ts <session_id> <file.xlsx>');
  process.exit(2);
}

const kler = new KlerClient(); // reads KLER_API_KEY
const summary = await kler.reconciliation.retrieve(sessionId);

// The streaming writer keeps one row in memory, not the session.
const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
const sheet = workbook.addWorksheet('Transactions', { views: [{ state: 'frozen', ySplit: 1 }] });
sheet.columns = [
  { header: 'id', key: 'id', width: 28 },
  { header: 'paid_at (UTC)', key: 'paid_at', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
  { header: 'amount', key: 'amount', width: 18, style: { numFmt: '"NGN "#,##0.00' } },
  { header: 'channel', key: 'channel', width: 14 },
  { header: 'status', key: 'status', width: 12 },
  { header: 'sender_name', key: 'sender_name', width: 28 },
];

let successfulKobo = 0n;
let rows = 0;
for await (const t of kler.transactions.list({ session_id: sessionId, limit: 100 })) {
  const kobo = toMinorUnits(t.amount); // exact: never parseFloat an amount
  if (t.status === 'successful') successfulKobo += kobo;
  sheet
    .addRow({
      id: t.id,
      paid_at: t.paid_at ? new Date(t.paid_at) : null,
      // "7500.55" → 7500.55: two decimals survive a spreadsheet number exactly.
      amount: Number(fromMinorUnits(kobo)),
      channel: t.channel,
      status: t.status,
      sender_name: t.sender_name ?? null,
    })
    .commit();
  rows++;
}
sheet.commit();
await workbook.commit();

const total = fromMinorUnits(successfulKobo);
if (successfulKobo !== toMinorUnits(summary.total_inflow)) {
  console.error(`${file}: successful payments add up to ${total}, Kler's summary says ${summary.total_inflow}.`);
  process.exit(1);
}
console.log(`Wrote ${rows} transactions to ${file}; successful payments total ${total}, as Kler's summary says.`);
