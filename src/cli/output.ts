/** Prints a result in the format the user chose with `--format`. */
import { CliUsageError } from './errors.js';
import type { RunContext } from './command.js';
import { renderCsv } from './csv.js';
import { renderTable, type Column } from './table.js';

/** The output formats; a command accepts a subset. */
export type Format = 'table' | 'json' | 'csv';

/** The chosen format, checked against `allowed` (the first is the default). */
export function formatOf(ctx: RunContext, allowed: readonly Format[]): Format {
  const value = ctx.values['format'];
  if (value === undefined) return allowed[0]!;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as Format;
  throw new CliUsageError(`--format must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}.`);
}

/** JSON as the API returned it, indented for reading and piping to `jq`. */
export function printJson(ctx: RunContext, value: unknown): void {
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Rows as a terminal table, CSV or a JSON array of the rows themselves. */
export function printRows<Row>(ctx: RunContext, format: Format, columns: readonly Column<Row>[], rows: readonly Row[], json?: unknown): void {
  if (format === 'json') return printJson(ctx, json ?? rows);
  if (format === 'csv') return ctx.io.out(renderCsv(columns, rows, { bom: ctx.values['no-bom'] !== true }));
  ctx.io.out(rows.length === 0 ? '(none)\n' : renderTable(columns, rows));
}
