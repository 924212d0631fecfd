/**
 * Reads the `--credited` file: the payments your platform credited (issued tickets for), as CSV
 * with a header row holding `id` (or `transaction_id`) and `amount`. Other columns are ignored,
 * so an export from your own database usually works as is.
 */
import type { CreditedPayment } from '../resources/reconciliation-audit.js';
import { parseCsv } from './csv.js';
import { CliUsageError } from './errors.js';

const ID_COLUMNS = ['id', 'transaction_id', 'kler_transaction_id'];

/** Parses the credited CSV into `{ id, amount }` pairs (amounts checked by the audit itself). */
export function parseCredited(text: string, file: string): CreditedPayment[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new CliUsageError(`${file} is empty: expected a header row with "id" and "amount".`);
  const names = header.map((h) => h.trim().toLowerCase());
  const idAt = names.findIndex((n) => ID_COLUMNS.includes(n));
  const amountAt = names.indexOf('amount');
  if (idAt === -1 || amountAt === -1) {
    throw new CliUsageError(
      `${file} needs columns "id" (or "transaction_id") and "amount"; its header is: ${header.join(', ')}.`,
    );
  }
  return rows.map((row) => ({ id: (row[idAt] ?? '').trim(), amount: (row[amountAt] ?? '').trim() }));
}
