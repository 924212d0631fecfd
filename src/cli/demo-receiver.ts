/**
 * The demo's webhook receiver: what a ticketing platform runs. It verifies each delivery with
 * `verifyWebhook`, issues a ticket once per successful transaction (dedupe on the transaction
 * id), and answers fast. It can be told to fail, to show Kler's retries.
 */
import type { Server } from 'node:http';
import type { CreditedPayment } from '../resources/reconciliation-audit.js';
import type { UnknownWebhookEvent } from '../schemas/webhook-event.js';
import { createMemoryDedupeStore, webhookDedupeKey } from '../webhooks/dedupe.js';
import { isTransactionReceivedEvent } from '../webhooks/events.js';

import { verifyWebhook } from '../webhooks/verify.js';

/** What the receiver did with one delivery. */
export interface ReceiverOutcome {
  readonly transactionId: string | undefined;
  readonly webhookId: string | undefined;
  readonly status: number;
  /** `ticket issued`, `duplicate ignored`, `not successful (failed)`, `rejected: …`, `unavailable`. */
  readonly result: string;
}

/** A running receiver. */
export interface DemoReceiver {
  readonly url: string;
  /** Every delivery, in arrival order. */
  readonly outcomes: readonly ReceiverOutcome[];
  /** The payments a ticket was issued for: what the platform credited. */
  readonly credited: readonly CreditedPayment[];
  /** Answers 503 to the next `count` deliveries, as a receiver mid-deploy would. */
  failNext(count: number): void;
  close(): Promise<void>;
}

/** Starts the receiver on a free loopback port. */
export async function startDemoReceiver(secret: string): Promise<DemoReceiver> {
  const { createServer } = await import('node:http');
  const processed = createMemoryDedupeStore();
  const outcomes: ReceiverOutcome[] = [];
  const credited: CreditedPayment[] = [];
  let failing = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle(Buffer.concat(chunks), req.headers).then(({ status, outcome }) => {
        outcomes.push(outcome);
        res.writeHead(status).end();
      });
    });
  });

  async function handle(body: Buffer, headers: Record<string, string | string[] | undefined>) {
    const webhookId = typeof headers['webhook-id'] === 'string' ? headers['webhook-id'] : undefined;
    if (failing > 0) {
      failing -= 1;
      return { status: 503, outcome: { transactionId: undefined, webhookId, status: 503, result: 'unavailable (503)' } };
    }
    try {
      const event = await verifyWebhook({ payload: body, headers, secret });
      if (!isTransactionReceivedEvent(event)) {
        // An event type this SDK does not know yet (the known union is exhausted here).
        const other = event as UnknownWebhookEvent;
        return { status: 200, outcome: { transactionId: undefined, webhookId, status: 200, result: `ignored ${other.event}` } };
      }
      const { id, amount, status } = event.data;
      const done = (result: string) => ({ status: 200, outcome: { transactionId: id, webhookId, status: 200, result } });
      if (!processed.claim(webhookDedupeKey(event))) return done('duplicate ignored');
      if (status !== 'successful') return done(`not successful (${status}), no ticket`);
      credited.push({ id, amount });
      return done('ticket issued');
    } catch (error) {
      const reason = (error as { reason?: string }).reason ?? 'error';
      return { status: 400, outcome: { transactionId: undefined, webhookId, status: 400, result: `rejected: ${reason}` } };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/kler/webhooks`,
    outcomes,
    credited,
    failNext: (count) => {
      failing = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
