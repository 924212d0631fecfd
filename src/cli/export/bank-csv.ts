/**
 * The bank-statement CSV layouts accounting software imports: Xero's
 * (`*Date,*Amount,Payee,Description,Reference`) and QuickBooks Online's 3-column one
 * (`Date,Description,Amount`). One line per successful transaction, since a statement lists
 * money that arrived; pending and failed payments are left out (the workbook has them all).
 *
 * Both importers read the date in the format the user picks or the organisation's region uses:
 * day first by default, as Nigeria writes dates, with `--date-format` for the others. The date
 * is the payment's day in Lagos (WAT, UTC+01:00, no daylight saving), not in UTC: a payment at
 * 23:30 UTC on 1 August was made on 2 August in Lagos. Amounts are Kler's exactly, two decimals,
 * no thousands separator or currency sign, positive (money in). Written by the CLI's CSV writer,
 * so quoting and formula defusing are the same as everywhere else; no byte-order mark, which
 * importers matching the header text can trip on.
 */
import { fromMinorUnits, toMinorUnits } from '../../core/money.js';
import type { Transaction } from '../../schemas/transaction.js';
import type { Column } from '../table.js';

/** How the Date column is written. */
export const DATE_FORMATS = ['dd/mm/yyyy', 'mm/dd/yyyy', 'yyyy-mm-dd'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The bank-statement layouts `kler export` writes. */
export type BankLayout = 'xero' | 'quickbooks';

/** Lagos is UTC+01:00 all year. */
export const WAT_OFFSET_MS = 60 * 60 * 1000;

/** A Kler timestamp as the calendar day in Lagos, in `format`. */
export function lagosDate(iso: string, format: DateFormat): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return ''; // no timestamp at all: an empty cell, which the importer flags
  const day = new Date(time + WAT_OFFSET_MS);
  const yyyy = String(day.getUTCFullYear()).padStart(4, '0');
  const mm = String(day.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(day.getUTCDate()).padStart(2, '0');
  if (format === 'mm/dd/yyyy') return `${mm}/${dd}/${yyyy}`;
  if (format === 'yyyy-mm-dd') return `${yyyy}-${mm}-${dd}`;
  return `${dd}/${mm}/${yyyy}`;
}

/** When the money moved: `paid_at`, or `created_at` when Kler did not send one. */
export const paidAt = (t: Transaction): string => t.paid_at ?? t.created_at ?? '';

/** `5000` and `5000.0` as `5000.00`: exactly Kler's amount, always two decimals. */
export const exactAmount = (amount: string): string => fromMinorUnits(toMinorUnits(amount));

/** Statement importers read one line per row: line breaks and other control characters become spaces. */
const oneLine = (text: string | null | undefined): string | undefined => text?.replace(/[\u0000-\u001f\u007f]+/g, ' ');

const CHANNELS: Readonly<Record<string, string>> = { bank_transfer: 'Bank transfer', pos: 'POS', ussd: 'USSD', card: 'Card' };

/** What the payment was, for the Description column: `Bank transfer - Ticket payment - ref PVS…`. */
function description(t: Transaction, withPayee: boolean): string {
  let head = CHANNELS[t.channel] ?? t.channel;
  if (t.terminal_id) head += ` ${t.terminal_id}`;
  if (withPayee && t.sender_name) head += ` from ${t.sender_name}`;
  const parts = [head, t.narration, t.providus_ref ? `ref ${t.providus_ref}` : undefined, withPayee ? t.id : undefined];
  return oneLine(parts.filter((part): part is string => Boolean(part)).join(' - '))!;
}

/** The columns of `layout`, with dates in `dateFormat`. */
export function bankColumns(layout: BankLayout, dateFormat: DateFormat): readonly Column<Transaction>[] {
  const date: Column<Transaction> = { name: layout === 'xero' ? '*Date' : 'Date', title: 'DATE', get: (t) => lagosDate(paidAt(t), dateFormat) };
  if (layout === 'quickbooks') {
    // No Payee or Reference column: the payer and Kler's transaction id go in the description.
    return [
      date,
      { name: 'Description', title: 'DESCRIPTION', get: (t) => description(t, true) },
      { name: 'Amount', title: 'AMOUNT', get: (t) => exactAmount(t.amount), numeric: true },
    ];
  }
  return [
    date,
    { name: '*Amount', title: 'AMOUNT', get: (t) => exactAmount(t.amount), numeric: true },
    { name: 'Payee', title: 'PAYEE', get: (t) => oneLine(t.sender_name) },
    { name: 'Description', title: 'DESCRIPTION', get: (t) => description(t, false) },
    // Kler's id: unique, always present, and what `kler` and the API look a payment up by.
    { name: 'Reference', title: 'REFERENCE', get: (t) => t.id },
  ];
}

/** Statement lines one import takes at most (Xero and QuickBooks Online both document 1,000). */
export const IMPORT_LINE_LIMIT = 1000;
