/**
 * Server-supplied text in `kler` tables cannot reorder or hide what the terminal shows:
 * bidirectional overrides and isolates (U+202E makes "gnp.exe" read "exe.png"), invisible marks
 * and line or paragraph separators are replaced like the C0/C1 controls already were.
 */
import { describe, expect, it } from 'vitest';
import { renderPairs, renderTable } from '../../src/cli/table.js';

const FORMATTING = ['\u202e', '\u202a', '\u202b', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029', '\u200b', '\ufeff'];

describe('table cells from the server', () => {
  it.each(FORMATTING.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))(
    'never carry %s to the terminal',
    (_, char) => {
      const name = `Ada${char}gnp.exe`;
      const table = renderTable([{ name: 'sender', title: 'Sender', get: (row: { name: string }) => row.name }], [{ name }]);
      const pairs = renderPairs([['Sender', name]]);
      for (const out of [table, pairs]) {
        expect(out).not.toContain(char);
        expect(out).toContain('Ada gnp.exe');
      }
    },
  );

  it('keeps ordinary non-ASCII text, Yoruba tone marks and emoji included', () => {
    const name = 'Ẹ̀kọ́ Àdìsà 🎉';
    expect(renderPairs([['Sender', name]])).toContain(name);
  });
});
