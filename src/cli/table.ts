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

function text(value: string | number | null | undefined): string {
  // Control characters (line breaks, and ESC sequences a payer's name could carry to move the
  // cursor and overwrite rows, amounts included) never reach the terminal.
  return value === null || value === undefined ? '' : String(value).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
