/**
 * Writes a long list (`transactions list --all`) as it is read, in CSV or JSON, so memory stays
 * at one batch however many transactions a session holds. The output is byte for byte what the
 * buffered printers write: the same CSV lines, and the JSON of `JSON.stringify(rows, null, 2)`.
 */
import type { RunContext } from './command.js';
import { csvHeader, csvLines } from './csv.js';
import type { Column } from './table.js';

/** Rows written per `io.out` call: few writes, little memory. */
const BATCH = 200;

/**
 * Accepts rows one at a time; `end()` writes the rest and closes the document. After a failure,
 * `flush()` writes the rows already read, leaving a JSON array unclosed (invalid, as it should
 * be: the list is incomplete).
 */
export interface RowStream<Row> {
  add(row: Row): void;
  flush(): void;
  end(): void;
}

export function rowStream<Row>(ctx: RunContext, format: 'csv' | 'json', columns: readonly Column<Row>[]): RowStream<Row> {
  let batch: Row[] = [];
  let written = 0;
  if (format === 'csv') ctx.io.out(csvHeader(columns, { bom: ctx.values['no-bom'] !== true }));
  const flush = () => {
    if (batch.length === 0) return;
    if (format === 'csv') ctx.io.out(csvLines(columns, batch));
    else {
      // Each element as JSON.stringify(rows, null, 2) would print it: indented one level.
      const items = batch.map((row) => `  ${JSON.stringify(row, null, 2).replaceAll('\n', '\n  ')}`);
      ctx.io.out((written === 0 ? '[\n' : ',\n') + items.join(',\n'));
    }
    written += batch.length;
    batch = [];
  };
  return {
    add(row) {
      batch.push(row);
      if (batch.length >= BATCH) flush();
    },
    flush,
    end() {
      flush();
      if (format === 'json') ctx.io.out(written === 0 ? '[]\n' : '\n]\n');
    },
  };
}
