/**
 * The accountant's workbook of `kler export --format xlsx`, written as the transactions are read
 * (exceljs's streaming writer: memory stays at about one page however large the session).
 *
 * Three sheets, in this order:
 * - Summary: Kler's reconciliation and settlement figures (known before the first row, so the
 *   sheet is finished before the transactions start streaming).
 * - Transactions: one row per transaction, every status, Kler's fields as the CSV export has them.
 * - Differences: what `kler.reconciliation.audit`'s arithmetic found, run over the same rows.
 *
 * Amounts are numbers (exactly Kler's decimal: at most two places, written as the shortest
 * decimal, so reading the cell back gives the same kobo) shown as `"NGN "#,##0.00`; times are
 * real date cells in Lagos time (WAT, UTC+01:00), their headers say so. Text cells are typed
 * strings, which a spreadsheet never runs as formulas; control characters become spaces. Headers
 * are bold and frozen, the Transactions sheet has a filter, columns are sized to their content
 * (for Transactions, to the first page of it).
 */
import type { Writable } from 'node:stream';
import type { Cell, Row, Worksheet } from 'exceljs';
import { fromMinorUnits, toMinorUnits } from '../../core/money.js';
import type { ReconciliationAuditReport } from '../../resources/reconciliation-audit.js';
import type { Reconciliation } from '../../schemas/reconciliation.js';
import type { Settlement } from '../../schemas/settlement.js';
import type { Transaction } from '../../schemas/transaction.js';
import { findings } from '../findings.js';
import { TRANSACTION_CSV } from '../views.js';
import { WAT_OFFSET_MS } from './bank-csv.js';
import type { ExcelJs } from './load-exceljs.js';

/** The sheet names, fixed: formulas and macros that users write against them rely on them. */
export const SHEETS = { summary: 'Summary', transactions: 'Transactions', differences: 'Differences' } as const;

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const DATE_FORMAT = 'yyyy-mm-dd';

/** `"NGN "#,##0.00` for a three-letter currency code; anything else gets no prefix. */
export const moneyFormat = (currency: string): string => (/^[A-Z]{3}$/.test(currency) ? `"${currency} "#,##0.00` : '#,##0.00');

/** Kler documents one currency; its summaries do not repeat it. */
const SUMMARY_CURRENCY = 'NGN';
/** Rows held back to size the Transactions columns: one page at most. */
const SIZING_ROWS = 100;
const TIME_FIELDS = new Set(['paid_at', 'created_at']);

/** A cell: a value and, for numbers and dates, how it is shown. */
interface CellSpec {
  value: string | number | Date | null;
  numFmt?: string;
  /** The width the shown value needs, in characters. */
  width: number;
}

/** What the Summary sheet shows. */
export interface WorkbookFigures {
  reconciliation: Reconciliation;
  settlement: Settlement;
}

/** A workbook being written: `add` each transaction, then `finish` with the audit's report. */
export class WorkbookExport {
  readonly #workbook: InstanceType<ExcelJs['stream']['xlsx']['WorkbookWriter']>;
  readonly #transactions: Worksheet;
  #held: CellSpec[][] | undefined = [];

  private constructor(excel: ExcelJs, stream: Writable, figures: WorkbookFigures) {
    this.#workbook = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    this.#workbook.creator = '@kler/sdk';
    writeSheet(this.#sheet(SHEETS.summary), SUMMARY_HEADER, summaryRows(figures));
    this.#transactions = this.#sheet(SHEETS.transactions);
    this.#transactions.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: TRANSACTION_HEADER.length } };
  }

  /**
   * Starts a workbook on `stream` and writes its Summary sheet.
   * @example
   * const workbook = WorkbookExport.start(await loadExcelJs(), target.stream, { reconciliation, settlement });
   */
  static start(excel: ExcelJs, stream: Writable, figures: WorkbookFigures): WorkbookExport {
    return new WorkbookExport(excel, stream, figures);
  }

  /**
   * Writes one transaction's row (the first page is held back to size the columns).
   * @throws {KlerInvalidAmountError} when the amount is not a decimal amount string.
   */
  add(transaction: Transaction): void {
    const cells = transactionCells(transaction);
    if (!this.#held) return writeRow(this.#transactions, cells);
    this.#held.push(cells);
    if (this.#held.length >= SIZING_ROWS) this.#release();
  }

  /** Writes the Differences sheet from `report` and closes the workbook. */
  async finish(report: ReconciliationAuditReport): Promise<void> {
    this.#release();
    this.#transactions.commit();
    writeSheet(this.#sheet(SHEETS.differences), DIFFERENCES_HEADER, differenceRows(report));
    await this.#workbook.commit();
  }

  #sheet(name: string): Worksheet {
    return this.#workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  }

  #release(): void {
    const held = this.#held;
    if (!held) return;
    this.#held = undefined;
    sizeColumns(this.#transactions, TRANSACTION_HEADER, held);
    writeHeader(this.#transactions, TRANSACTION_HEADER);
    for (const cells of held) writeRow(this.#transactions, cells);
  }
}

const TRANSACTION_HEADER = TRANSACTION_CSV.map((c) => (TIME_FIELDS.has(c.name) ? `${c.name} (WAT)` : c.name));
const SUMMARY_HEADER = ['Section', 'Item', 'Count', 'Amount', 'Date (WAT)'];
const DIFFERENCES_HEADER = ['finding', 'reference', 'kler_value', 'compared_value', 'detail'];

function transactionCells(t: Transaction): CellSpec[] {
  return TRANSACTION_CSV.map((column) => {
    if (column.name === 'amount') return money(t.amount, t.currency);
    const value = column.get(t);
    if (TIME_FIELDS.has(column.name)) return typeof value === 'string' ? when(value) : blank();
    return text(value);
  });
}

function summaryRows({ reconciliation: r, settlement: s }: WorkbookFigures): CellSpec[][] {
  const row = (section: string, item: string, count?: number, amount?: string, date?: CellSpec): CellSpec[] => [
    text(section),
    text(item),
    count === undefined ? blank() : number(count),
    amount === undefined ? blank() : money(amount, SUMMARY_CURRENCY),
    date ?? blank(),
  ];
  return [
    row('Session', r.session_id),
    row('Reconciliation', 'Reconciled at', undefined, undefined, when(r.reconciled_at)),
    row('Reconciliation', 'Successful (total inflow)', r.successful_count, r.total_inflow),
    row('Reconciliation', 'Pending', r.pending_count),
    row('Reconciliation', 'Failed', r.failed_count),
    row('Reconciliation', 'All transactions', r.transaction_count),
    ...Object.entries(r.by_channel).map(([key, v]) => row('By channel', key, v.count, v.total)),
    ...Object.entries(r.by_terminal ?? {}).map(([key, v]) => row('By terminal', key, v.count, v.total)),
    row('Settlement', 'Generated at', undefined, undefined, when(s.generated_at)),
    row('Settlement', 'Settled', s.settled_count, s.total_settled),
    row('Settlement', 'Awaiting settlement', s.pending_count, s.total_pending_settlement),
    ...Object.entries(s.by_date).map(([day, v]) => row('Settled on', day, v.count, v.total, calendarDay(day))),
  ];
}

function differenceRows(report: ReconciliationAuditReport): CellSpec[][] {
  const rows = findings(report).map((f) => [text(f.finding), text(f.reference), valueCell(f.kler), valueCell(f.compared), text(f.detail)]);
  if (report.transactions_after_summary > 0) {
    const n = report.transactions_after_summary;
    rows.push([
      text('not_compared'),
      text('reconciled_at'),
      blank(),
      number(n),
      text(`${n} transaction(s) created after Kler's summary are in the Transactions sheet but not in its figures`),
    ]);
  }
  if (rows.length === 0) {
    const detail = `Kler's summary matches its ${report.transactions_counted} transaction(s), to the kobo`;
    rows.push([text('none'), blank(), blank(), blank(), text(detail)]);
  }
  return rows;
}

function writeSheet(sheet: Worksheet, header: readonly string[], rows: readonly CellSpec[][]): void {
  sizeColumns(sheet, header, rows);
  writeHeader(sheet, header);
  for (const cells of rows) writeRow(sheet, cells);
  sheet.commit();
}

function sizeColumns(sheet: Worksheet, header: readonly string[], rows: readonly CellSpec[][]): void {
  sheet.columns = header.map((title, i) => ({
    width: Math.min(60, Math.max(title.length, ...rows.map((cells) => cells[i]?.width ?? 0)) + 2),
  }));
}

function writeHeader(sheet: Worksheet, header: readonly string[]): void {
  const row: Row = sheet.addRow([...header]);
  row.font = { bold: true };
  row.commit();
}

function writeRow(sheet: Worksheet, cells: readonly CellSpec[]): void {
  const row: Row = sheet.addRow(cells.map((c) => c.value));
  cells.forEach((spec, i) => {
    if (spec.numFmt) (row.getCell(i + 1) as Cell).numFmt = spec.numFmt;
  });
  row.commit();
}

const blank = (): CellSpec => ({ value: null, width: 0 });

/** Control characters (line breaks, ESC) become spaces: XML cannot hold most of them. */
const text = (value: string | number | null | undefined): CellSpec => {
  if (value === null || value === undefined) return blank();
  const clean = String(value).replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return { value: clean, width: clean.length };
};

const number = (value: number): CellSpec => ({ value, width: String(value).length });

/**
 * An amount as a number cell. A decimal with at most two places converts to the double whose
 * shortest form is that decimal, which is what the file stores, so it reads back exactly; beyond
 * 2^53 kobo (90 trillion naira) that no longer holds, and the export refuses rather than round.
 */
function money(amount: string, currency: string): CellSpec {
  const kobo = toMinorUnits(amount);
  if (kobo > BigInt(Number.MAX_SAFE_INTEGER) || kobo < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`The amount ${amount} is too large to store exactly as a spreadsheet number.`);
  }
  const exact = fromMinorUnits(kobo);
  const digits = exact.replace('-', '').split('.')[0]!.length;
  return { value: Number(exact), numFmt: moneyFormat(currency), width: currency.length + 4 + digits + Math.floor((digits - 1) / 3) };
}

/** A Kler timestamp as a date cell showing Lagos time (spreadsheet dates have no time zone). */
function when(iso: string): CellSpec {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return text(iso);
  return { value: new Date(time + WAT_OFFSET_MS), numFmt: DATE_TIME_FORMAT, width: DATE_TIME_FORMAT.length };
}

/** A settlement day (`2025-08-01`) as a date cell. */
function calendarDay(day: string): CellSpec {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(time) ? text(day) : { value: new Date(time), numFmt: DATE_FORMAT, width: DATE_FORMAT.length };
}

/** A finding's value: a count as a number, an amount as money, anything else (a status) as text. */
function valueCell(value: string | number | null): CellSpec {
  if (typeof value === 'number') return number(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return money(value, SUMMARY_CURRENCY);
  return text(value);
}
