/**
 * Plain-text tables for terminals: aligned columns, numbers right-aligned, no colour or box
 * characters, so the output also reads well in logs and when pasted into an issue.
 */

/** A column of a table (and of the matching CSV). */
export interface Column<Row> {
  /** Header in CSV (snake_case, as Kler's field names). */
  readonly name: string;
  /** Header in the terminal table. */
  readonly title: string;
  readonly get: (row: Row) => string | number | null | undefined;
  /** Right-align (amounts and counts). */
  readonly numeric?: boolean;
}

/** Renders `rows` under a header line; `indent` prefixes every line. */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], indent = ''): string {
  const cells = rows.map((row) => columns.map((column) => text(column.get(row))));
  const widths = columns.map((column, i) => Math.max(column.title.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]) =>
    indent +
    values
      .map((value, i) => (columns[i]!.numeric ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...cells.map(line)].join('\n') + '\n';
}

/** Key/value lines: `Name   Lagos Music Festival`. */
export function renderPairs(pairs: readonly (readonly [string, string | number | null | undefined])[], indent = ''): string {
  const width = Math.max(...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${indent}${key.padEnd(width)}  ${text(value)}`).join('\n') + '\n';
}

/**
 * What never reaches the terminal from server text: C0/C1 controls (line breaks, and ESC
 * sequences a payer's name could carry to move the cursor and overwrite rows, amounts included),
 * bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069: "Ada\u202Egnp.exe"
 * shows as "Adaexe.png"), the invisible direction marks and zero-width space (U+200E, U+200F, U+061C, U+200B,
 * U+FEFF), and the line and paragraph separators U+2028/2029. Joiners (U+200C/200D) stay:
 * scripts and emoji need them.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g;

/** `value` as text safe to print on a terminal (see `UNSAFE`); `''` for null and undefined. */
export function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value).replace(UNSAFE, ' ');
}
