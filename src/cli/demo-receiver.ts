/**
 * The demo's webhook receiver: what a ticketing platform runs. `createWebhookHandler` verifies
 * each delivery and issues a ticket once per successful transaction (its work key is the
 * transaction and status), answering 2xx only once the ticket is issued. It can be told to
 * fail, to show Kler's retries.
 */
import type { Server } from 'node:http';
import type { CreditedPayment } from '../resources/reconciliation-audit.js';
import { createWebhookHandler } from '../webhooks/handler.js';
import { createMemoryWebhookStore } from '../webhooks/memory-store.js';

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
  const outcomes: ReceiverOutcome[] = [];
  const credited: CreditedPayment[] = [];
  let failing = 0;
  // Deliveries arrive one at a time in the demo, so the handler's callbacks describe the current one.
  let current: { transactionId: string | undefined; result: string } = { transactionId: undefined, result: '' };

  const handler = createWebhookHandler({
    secret,
    store: createMemoryWebhookStore(),
    on: {
      'transaction.received': (event) => {
        const { id, amount, status } = event.data;
        current.transactionId = id;
        if (status !== 'successful') {
          current.result = `not successful (${status}), no ticket`;
          return;
        }
        credited.push({ id, amount });
        current.result = 'ticket issued';
      },
    },
    onEvent: (event) => {
      if (event.type === 'verified') {
        current.result = `ignored ${event.event}`;
        current.transactionId = /^transaction:(.+):[^:]+$/.exec(event.key)?.[1];
      } else if (event.type === 'duplicate') current.result = 'duplicate ignored';
      else if (event.type === 'rejected') current.result = `rejected: ${event.reason}`;
    },
    onError: () => undefined, // the outcome line says what happened
  });

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
    current = { transactionId: undefined, result: '' };
    const answer = await handler.receive({ body, headers });
    const result = current.result || `answered ${answer.status}`;
    return { status: answer.status, outcome: { transactionId: current.transactionId, webhookId, status: answer.status, result } };
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
