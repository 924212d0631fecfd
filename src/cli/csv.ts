/**
 * CSV that spreadsheets open correctly, and a reader for the CSV `--credited` takes.
 *
 * Written as RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * quote, line break or edge spaces. UTF-8 with a byte-order mark by default, because Excel
 * otherwise reads UTF-8 as the local code page and garbles names such as "Adébáyọ̀".
 * Amounts are written exactly as Kler sends them ("5000.00": two decimals, no separators, no
 * currency sign; the currency has its own column), times as Kler sends them (ISO 8601). A text
 * cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return, also after spaces, which some importers trim) gets a leading `'`.
 */
import type { Column } from './table.js';

const BOM = '\uFEFF';
const NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[\s\u00a0]*[=+\-@\t\r]/;

/** Renders rows as CSV with a header of column names. */
export function renderCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[], options: { bom: boolean }): string {
  return csvHeader(columns, options) + csvLines(columns, rows);
}

/** The start of a CSV document: the byte-order mark (unless turned off) and the header line. */
export function csvHeader<Row>(columns: readonly Column<Row>[], options: { bom: boolean }): string {
  return (options.bom ? BOM : '') + line(columns.map((c) => c.name));
}

/** Rows as CSV lines, each ending in CRLF, to follow `csvHeader` (in as many pieces as wanted). */
export function csvLines<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  return rows.map((row) => line(columns.map((c) => cell(c.get(row))))).join('');
}

const line = (fields: readonly string[]) => `${fields.map(quote).join(',')}\r\n`;

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Defuse formulas (CSV injection) but leave numbers, negative amounts included, as they are.
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** Parses CSV text (RFC 4180, either line ending, optional BOM) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}
