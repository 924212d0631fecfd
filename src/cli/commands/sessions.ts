/** `kler sessions create|get|close`. */
import type { Session } from '../../schemas/session.js';
import { CliUsageError } from '../errors.js';
import { formatOption, type Command, type RunContext } from '../command.js';
import { formatOf, printJson } from '../output.js';
import { renderPairs } from '../table.js';
import { intOption, requiredArg, requiredOption, stringOption } from '../values.js';

const FORMATS = ['table', 'json'] as const;

function printSession(ctx: RunContext, session: Session): void {
  if (formatOf(ctx, [...FORMATS]) === 'json') return printJson(ctx, session);
  const account = session.collection_account;
  const terminals = session.pos_terminals ?? [];
  ctx.io.out(
    renderPairs([
      ['Session', session.session_id],
      ['Status', session.status],
      ['Name', session.name],
      ['Event', session.external_event_id],
      ['Account', account ? `${account.account_number} · ${account.bank_name} (${account.bank_code}) · ${account.account_name}` : '(none)'],
      ['Terminals', terminals.length ? terminals.map((t) => t.terminal_id).join(', ') : '(none)'],
      ['Created', session.created_at],
    ]),
  );
}

export const sessionsCreate: Command = {
  words: ['sessions', 'create'],
  summary: "create a session (an event's payment layer)",
  description: 'Provisions a Providus collection account (unless --no-account) and --pos-count POS terminals.',
  args: [],
  usesApi: true,
  options: {
    name: { type: 'string', value: '<name>', description: 'session name, also the account name (required)' },
    'external-event-id': { type: 'string', value: '<id>', description: "your platform's id for the event (required)" },
    'pos-count': { type: 'string', value: '<n>', description: 'POS terminals to assign, 1–50 (default: none)' },
    'no-account': { type: 'boolean', description: 'no collection account (POS only)' },
    'webhook-url': { type: 'string', value: '<url>', description: "where Kler POSTs this session's webhooks (cannot be changed later)" },
    'starts-at': { type: 'string', value: '<iso>', description: 'event start, ISO 8601' },
    'ends-at': { type: 'string', value: '<iso>', description: 'event end, ISO 8601' },
    metadata: { type: 'string', value: '<json>', description: 'a JSON object stored with the session' },
    format: formatOption(FORMATS),
  },
  examples: [
    'kler sessions create --name "Lagos Music Festival" --external-event-id evt_123 --pos-count 3',
    'kler sessions create --name "Gate B" --external-event-id evt_123 --pos-count 2 --no-account --format json',
  ],
  async run(ctx) {
    formatOf(ctx, [...FORMATS]);
    const posCount = intOption(ctx, 'pos-count', 1, 50);
    const metadata = stringOption(ctx, 'metadata');
    const webhookUrl = stringOption(ctx, 'webhook-url');
    const startsAt = stringOption(ctx, 'starts-at');
    const endsAt = stringOption(ctx, 'ends-at');
    const session = await ctx.client().sessions.create({
      name: requiredOption(ctx, 'name'),
      external_event_id: requiredOption(ctx, 'external-event-id'),
      collection: {
        account: ctx.values['no-account'] !== true,
        pos: posCount !== undefined,
        ...(posCount !== undefined ? { pos_count: posCount } : {}),
      },
      ...(webhookUrl !== undefined ? { webhook_url: webhookUrl } : {}),
      ...(startsAt !== undefined ? { starts_at: startsAt } : {}),
      ...(endsAt !== undefined ? { ends_at: endsAt } : {}),
      ...(metadata !== undefined ? { metadata: parseObject(metadata) } : {}),
    });
    printSession(ctx, session);
  },
};

export const sessionsGet: Command = {
  words: ['sessions', 'get'],
  summary: 'show a session',
  args: ['session_id'],
  usesApi: true,
  options: { format: formatOption(FORMATS) },
  examples: ['kler sessions get 3f1e2d9a8b7c'],
  async run(ctx) {
    formatOf(ctx, [...FORMATS]);
    printSession(ctx, await ctx.client().sessions.retrieve(requiredArg(ctx, 0, 'session_id')));
  },
};

export const sessionsClose: Command = {
  words: ['sessions', 'close'],
  summary: 'close a session: Kler accepts no more payments on it',
  args: ['session_id'],
  usesApi: true,
  options: { format: formatOption(FORMATS) },
  examples: ['kler sessions close 3f1e2d9a8b7c'],
  async run(ctx) {
    formatOf(ctx, [...FORMATS]);
    printSession(ctx, await ctx.client().sessions.close(requiredArg(ctx, 0, 'session_id')));
  },
};

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliUsageError(`--metadata must be a JSON object such as '{"zone":"VIP"}', got ${JSON.stringify(text)}.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliUsageError('--metadata must be a JSON object, not an array or a single value.');
  }
  return value as Record<string, unknown>;
}
