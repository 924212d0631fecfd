/** `kler operators add|list`. */
import { formatOption, type Command } from '../command.js';
import { formatOf, printRows } from '../output.js';
import { OPERATOR_COLUMNS } from '../views.js';
import { requiredArg, requiredOption, stringOption } from '../values.js';

const FORMATS = ['table', 'json'] as const;

export const operatorsAdd: Command = {
  words: ['operators', 'add'],
  summary: 'add an operator (a cashier, a supervisor…) to a session',
  args: ['session_id'],
  usesApi: true,
  options: {
    name: { type: 'string', value: '<name>', description: "the operator's name (required)" },
    email: { type: 'string', value: '<email>', description: 'email address' },
    phone: { type: 'string', value: '<phone>', description: 'phone number' },
    role: { type: 'string', value: '<role>', description: 'free text (Kler\'s default: cashier)' },
    format: formatOption(FORMATS),
  },
  examples: ['kler operators add 3f1e2d9a8b7c --name "Amina Bello" --phone 08012345678'],
  async run(ctx) {
    const format = formatOf(ctx, [...FORMATS]);
    const sessionId = requiredArg(ctx, 0, 'session_id');
    const params = { name: requiredOption(ctx, 'name') } as { name: string; email?: string; phone?: string; role?: string };
    for (const field of ['email', 'phone', 'role'] as const) {
      const value = stringOption(ctx, field);
      if (value !== undefined) params[field] = value;
    }
    const operator = await ctx.client().operators.create(sessionId, params);
    printRows(ctx, format, OPERATOR_COLUMNS, [operator], operator);
  },
};

export const operatorsList: Command = {
  words: ['operators', 'list'],
  summary: "list a session's operators",
  args: ['session_id'],
  usesApi: true,
  options: { format: formatOption(FORMATS) },
  examples: ['kler operators list 3f1e2d9a8b7c'],
  async run(ctx) {
    const format = formatOf(ctx, [...FORMATS]);
    printRows(ctx, format, OPERATOR_COLUMNS, await ctx.client().operators.list(requiredArg(ctx, 0, 'session_id')));
  },
};
