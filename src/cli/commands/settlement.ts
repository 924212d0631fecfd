/** `kler settlement`. */
import { formatOption, noBomOption, type Command } from '../command.js';
import { formatOf, printRows } from '../output.js';
import { BREAKDOWN_COLUMNS, settlementRows } from '../views.js';
import { requiredArg } from '../values.js';

const FORMATS = ['table', 'json', 'csv'] as const;

export const settlement: Command = {
  words: ['settlement'],
  summary: 'what has been settled to the organiser and what is still waiting',
  description: 'CSV rows: group,key,count,total; settled amounts by date have group settled_on.',
  args: ['session_id'],
  usesApi: true,
  options: { format: formatOption(FORMATS), 'no-bom': noBomOption },
  examples: ['kler settlement 3f1e2d9a8b7c', 'kler settlement 3f1e2d9a8b7c --format json'],
  async run(ctx) {
    const format = formatOf(ctx, [...FORMATS]);
    const s = await ctx.client().settlement.retrieve(requiredArg(ctx, 0, 'session_id'));
    if (format === 'table') {
      ctx.io.out(`Session ${s.session_id}, generated at ${s.generated_at}\n`);
      ctx.io.out(`Settled ${s.total_settled}, awaiting settlement ${s.total_pending_settlement}\n\n`);
    }
    printRows(ctx, format, BREAKDOWN_COLUMNS, settlementRows(s), s);
  },
};
