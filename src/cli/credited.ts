/**
 * Reads the `--credited` file: the payments your platform credited (issued tickets for), as CSV
 * with a header row holding Kler's transaction id (`kler_transaction_id`, `transaction_id` or
 * `id`, the most specific present) and `amount`. Other columns are ignored,
 * so an export from your own database usually works as is.
 */
import type { CreditedPayment } from '../resources/reconciliation-audit.js';
import { parseCsv } from './csv.js';
import { CliUsageError } from './errors.js';

/**
 * Most specific first: an export with both `id` (its own ticket id) and `transaction_id` (Kler's)
 * must be matched on Kler's, or every credit would look unknown.
 */
const ID_COLUMNS = ['kler_transaction_id', 'transaction_id', 'id'];

/** Parses the credited CSV into `{ id, amount }` pairs (amounts checked by the audit itself). */
export function parseCredited(text: string, file: string): CreditedPayment[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new CliUsageError(`${file} is empty: expected a header row with "id" and "amount".`);
  const names = header.map((h) => h.trim().toLowerCase());
  const idAt = ID_COLUMNS.map((column) => names.indexOf(column)).find((at) => at !== -1) ?? -1;
  const amountAt = names.indexOf('amount');
  if (idAt === -1 || amountAt === -1) {
    throw new CliUsageError(
      `${file} needs columns "id" (or "transaction_id") and "amount"; its header is: ${header.join(', ')}.`,
    );
  }
  return rows.map((row) => ({ id: (row[idAt] ?? '').trim(), amount: (row[amountAt] ?? '').trim() }));
}
