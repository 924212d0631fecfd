/** `kler mock`: the fake Kler as a local HTTP server, for manual testing and other processes. */
import { KlerClient } from '../../client.js';
import { createKlerMockCore } from '../../testing/mock.js';
import type { Command } from '../command.js';
import { intOption, stringOption } from '../values.js';

export const mock: Command = {
  words: ['mock'],
  summary: 'run a local mock Kler (in-memory, offline) until Ctrl+C',
  description: [
    'Serves the documented Kler API under /v1 on 127.0.0.1. Any non-empty API key is accepted unless',
    '--api-key names one. Webhooks are signed with --webhook-secret (or $KLER_WEBHOOK_SECRET, or a random one).',
    'Drive it from another process through its control routes:',
    '  POST /_mock/sessions/<id>/payments   {"amount":"5000.00","channel":"bank_transfer"}',
    '  POST /_mock/sessions/<id>/settle     {"transaction_ids":[...]} (optional)',
    '  POST /_mock/transactions/<id>/redeliver',
    '  POST /_mock/fail                     {"route":"sessions.create","fault":{"status":503},"times":1}',
    '  POST /_mock/clear-faults',
    '  POST /_mock/reset',
    'GET /_mock lists them.',
  ].join('\n'),
  args: [],
  usesApi: false,
  options: {
    port: { type: 'string', value: '<n>', description: 'port to listen on; 0 picks a free one (default 4010)' },
    host: { type: 'string', value: '<host>', description: 'interface to bind (default 127.0.0.1)' },
    'api-key': { type: 'string', value: '<key>', description: 'the only API key to accept (default: any)' },
    'webhook-secret': { type: 'string', value: '<secret>', description: 'secret to sign webhooks with, whsec_… (default $KLER_WEBHOOK_SECRET or random)' },
    seed: { type: 'boolean', description: 'start with a session holding a few payments' },
    quiet: { type: 'boolean', description: 'do not log each request' },
  },
  examples: ['kler mock', 'kler mock --port 0 --seed', 'KLER_BASE_URL=http://127.0.0.1:4010/v1 KLER_API_KEY=test kler sessions get <id>'],
  async run(ctx) {
    const port = intOption(ctx, 'port', 0, 65535) ?? 4010;
    const apiKey = stringOption(ctx, 'api-key');
    const webhookSecret = stringOption(ctx, 'webhook-secret') ?? ctx.io.env['KLER_WEBHOOK_SECRET'];
    const quiet = ctx.values['quiet'] === true;
    const fake = createKlerMockCore({
      ...(apiKey !== undefined ? { apiKey } : {}),
      ...(webhookSecret ? { webhookSecret } : {}),
      onCall: (call) => {
        if (!quiet) ctx.io.err(`${call.status} ${call.method} ${call.path}${call.fault ? ' (injected fault)' : ''}\n`);
      },
    });
    const host = stringOption(ctx, 'host');
    const server = await fake.listen({ port, ...(host !== undefined ? { host } : {}) });
    const key = apiKey ?? 'any-non-empty-key';
    ctx.io.out(
      [
        `Mock Kler listening on ${server.url}`,
        '',
        `  export KLER_BASE_URL=${server.url}`,
        `  export KLER_API_KEY=${key}`,
        `  export KLER_WEBHOOK_SECRET=${fake.webhookSecret}`,
        '',
      ].join('\n') + '\n',
    );
    if (ctx.values['seed']) {
      const sessionId = await seed(fake, server.url, key);
      ctx.io.out(`Seeded session ${sessionId} with 5 payments. Try: kler reconcile ${sessionId}\n\n`);
    }
    ctx.io.out('Press Ctrl+C to stop.\n');
    await ctx.io.interrupted();
    await server.close();
    ctx.io.err('Mock Kler stopped.\n');
  },
};

async function seed(fake: ReturnType<typeof createKlerMockCore>, url: string, apiKey: string): Promise<string> {
  const kler = new KlerClient({ apiKey, baseUrl: url });
  const session = await kler.sessions.create({
    external_event_id: 'evt_seed',
    name: 'Seeded Event',
    collection: { account: true, pos: true, pos_count: 3 },
  });
  const id = session.session_id;
  const [t1, t2] = (session.pos_terminals ?? []).map((t) => t.terminal_id);
  await fake.simulatePayment(id, { amount: '15000.00', channel: 'bank_transfer', sender_name: 'Adaeze Okafor' });
  await fake.simulatePayment(id, { amount: '5000.00', channel: 'pos', ...(t1 ? { terminal_id: t1 } : {}) });
  await fake.simulatePayment(id, { amount: '7500.50', channel: 'pos', ...(t2 ? { terminal_id: t2 } : {}) });
  await fake.simulatePayment(id, { amount: '2000.00', channel: 'ussd' });
  await fake.simulatePayment(id, { amount: '3000.00', channel: 'card', status: 'failed' });
  return id;
}
