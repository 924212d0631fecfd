/**
 * The end-to-end walkthrough behind `kler demo` and `npm run demo`: a fake Kler, a webhook
 * receiver and the SDK between them, all on this machine, no keys, no network. Each step says
 * what happens and which SDK call does it, so a newcomer can follow along in the code.
 */
import { KlerClient } from '../client.js';
import type { Channel } from '../schemas/common.js';
import type { TransactionStatus } from '../schemas/transaction.js';
import { KlerMockError } from '../testing/errors.js';
import { createKlerMockCore } from '../testing/mock.js';
import { startDemoReceiver, type DemoReceiver } from './demo-receiver.js';
import type { CliIo } from './io.js';
import { renderPairs, renderTable } from './table.js';
import { BREAKDOWN_COLUMNS, reconciliationRows, settlementRows } from './views.js';

interface DemoPayment {
  amount: string;
  channel: Channel;
  status?: TransactionStatus;
  terminal?: number;
  sender_name?: string;
  /** Make the receiver fail this many times first, to show Kler's retries. */
  receiverDown?: number;
}

const PAYMENTS: readonly DemoPayment[] = [
  { amount: '15000.00', channel: 'bank_transfer', sender_name: 'Adaeze Okafor' },
  { amount: '5000.00', channel: 'pos', terminal: 0 },
  { amount: '7500.50', channel: 'pos', terminal: 1, receiverDown: 2 },
  { amount: '2500.25', channel: 'pos', terminal: 2 },
  { amount: '2000.00', channel: 'ussd' },
  { amount: '3000.00', channel: 'card', status: 'failed' },
  { amount: '10000.00', channel: 'bank_transfer', status: 'pending', sender_name: 'Bola Adeyemi' },
];

/** Runs the walkthrough, writing it to `io.out`; resolves to the exit code. */
export async function runDemo(io: CliIo): Promise<number> {
  const say = (text = '') => io.out(`${text}\n`);
  const step = (n: number, title: string, why: string) => say(`\n${n}. ${title}\n${indent(why, '   ')}`);
  const mock = createKlerMockCore({ deliveryBaseDelayMs: 20 });
  const server = await mock.listen();
  let receiver: DemoReceiver | undefined;
  try {
    say('Kler SDK demo: a fake Kler, your webhook receiver and the SDK between them, all on this machine.');

    step(1, 'Start a mock Kler', 'The testing kit (@kler/sdk/testing) runs an in-memory Kler that follows the documented API.');
    say(`   Listening on ${server.url}: the SDK talks to it exactly as to https://api.kler.africa/v1.`);
    const kler = new KlerClient({ apiKey: 'demo-key', baseUrl: server.url, webhookSecret: mock.webhookSecret, maxRetries: 0 });

    receiver = await startDemoReceiver(mock.webhookSecret);
    step(2, 'Start your webhook receiver', [
      'This is the part of your platform that issues tickets. For every delivery it checks the signature',
      'with createWebhookHandler(), and issues a ticket once per successful transaction, answering 2xx only once it is issued.',
    ].join('\n'));
    say(`   Receiving on ${receiver.url}`);

    step(3, 'Create a session with 3 POS terminals', 'kler.sessions.create() provisions a collection account and the terminals for one event.');
    const session = await kler.sessions.create({
      external_event_id: 'evt_lagos_2025',
      name: 'Lagos Music Festival 2025',
      collection: { account: true, pos: true, pos_count: 3 },
      webhook_url: receiver.url,
    });
    const terminals = (session.pos_terminals ?? []).map((t) => t.terminal_id);
    const account = session.collection_account;
    say(
      renderPairs(
        [
          ['Session', session.session_id],
          ['Pay by transfer to', account ? `${account.account_number}, ${account.bank_name} (${account.account_name})` : '(none)'],
          ['POS terminals', terminals.join(', ')],
        ],
        '   ',
      ).trimEnd(),
    );

    step(4, 'Take payments on several channels', [
      'mock.simulatePayment() records each payment as Kler would, then POSTs a signed transaction.received',
      'webhook to your receiver. A receiver that does not answer 2xx is retried with backoff, up to 5 times.',
    ].join('\n'));
    const recorded: string[] = [];
    for (const payment of PAYMENTS) {
      receiver.failNext(payment.receiverDown ?? 0);
      const seen = receiver.outcomes.length;
      const { transaction, delivery } = await mock.simulatePayment(session.session_id, {
        amount: payment.amount,
        channel: payment.channel,
        ...(payment.status ? { status: payment.status } : {}),
        ...(payment.terminal !== undefined ? { terminal_id: terminals[payment.terminal] } : {}),
        ...(payment.sender_name ? { sender_name: payment.sender_name } : {}),
      });
      recorded.push(transaction.id);
      const where = payment.terminal !== undefined ? ` on ${terminals[payment.terminal]}` : '';
      const results = receiver.outcomes.slice(seen).map((o) => o.result);
      const failures = (delivery?.attempts ?? 1) - 1;
      const retried = failures > 0 ? ` (receiver answered 503 ${failures === 1 ? 'once' : `${failures} times`}; Kler retried)` : '';
      say(`   ${transaction.amount.padStart(9)} ${`${transaction.channel}${where}`.padEnd(28)} ${String(transaction.status).padEnd(10)} → ${results.at(-1) ?? 'not delivered'}${retried}`);
    }

    step(5, 'The same webhook arrives twice', [
      'Kler may deliver a transaction more than once (a lost answer, a retry). The receiver verifies the',
      'repeat like any delivery and finds that transaction\'s work done, so no second ticket is issued.',
    ].join('\n'));
    const again = await mock.redeliverWebhook(recorded[0]!);
    say(`   Redelivered ${recorded[0]} (same webhook-id ${again.webhookId}) → ${receiver.outcomes.at(-1)?.result}`);
    say(`   Tickets issued: ${receiver.credited.length} for ${PAYMENTS.length} payments (one failed, one pending, one duplicate ignored).`);

    step(6, 'Reconciliation', "kler.reconciliation.retrieve(): Kler's live totals. Breakdowns count successful payments only.");
    const reconciliation = await kler.reconciliation.retrieve(session.session_id);
    say(`   Total inflow ${reconciliation.total_inflow} NGN from ${reconciliation.successful_count} of ${reconciliation.transaction_count} transactions`);
    say(renderTable(BREAKDOWN_COLUMNS, reconciliationRows(reconciliation), '   ').trimEnd());

    step(7, 'Settlement', [
      'kler.settlement.retrieve(): what has been paid out to the organiser. In the mock, payments settle when',
      'mock.settle() is called (or after settlementDelayMs); here Kler settles the first three.',
    ].join('\n'));
    mock.settle(session.session_id, { transactionIds: recorded.slice(0, 3) });
    const settlement = await kler.settlement.retrieve(session.session_id);
    say(`   Settled ${settlement.total_settled}, awaiting settlement ${settlement.total_pending_settlement}`);
    say(renderTable(BREAKDOWN_COLUMNS, settlementRows(settlement), '   ').trimEnd());

    step(8, 'Audit', [
      "kler.reconciliation.audit() reads every transaction, recomputes Kler's totals exactly, and compares",
      'them with the tickets your receiver issued.',
    ].join('\n'));
    const report = await kler.reconciliation.audit(session.session_id, { credited: [...receiver.credited] });
    say(`   Checked ${report.transactions_counted} transactions: ${report.differences.length === 0 ? 'the summary matches them' : `${report.differences.length} difference(s)`}.`);
    for (const skip of report.skipped) say(`   Not checked: ${skip.field} (${skip.reason}).`);
    const credits = report.credited;
    if (credits) {
      say(
        credits.consistent
          ? `   Every successful payment got exactly one ticket (${credits.credited_total} credited = ${credits.successful_total} received).`
          : `   Credits disagree: ${credits.missing_credits.length} missing, ${credits.unknown_credits.length} unknown, ${credits.duplicate_credits.length} duplicated.`,
      );
    }

    step(9, 'Close the session', 'kler.sessions.close(): the event is over, Kler takes no more payments on it.');
    const closed = await kler.sessions.close(session.session_id);
    say(`   Session ${closed.session_id} is now ${closed.status}.`);

    step(10, 'A payment after closing is refused', 'mock.simulatePayment() on a closed session fails, as Kler refuses it.');
    try {
      await mock.simulatePayment(session.session_id, { amount: '5000.00', channel: 'bank_transfer' });
      say('   Unexpected: the payment was accepted.');
      return 1;
    } catch (error) {
      if (!KlerMockError.is(error)) throw error;
      say(`   Refused: ${error.message}`);
    }

    say('\nDone. Next: run `kler mock` and point KLER_BASE_URL at it, or test your own code with');
    say('setupServer(...createKlerMock().handlers) from @kler/sdk/testing (see the README).');
    return report.consistent ? 0 : 1;
  } finally {
    await receiver?.close();
    await server.close();
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
