/**
 * Shared pieces of the `createWebhookHandler` tests: signed deliveries of one payment, a ticket
 * office that counts tickets issued per transaction, and a gate to hold a handler mid-work.
 */
import { signWebhook } from '../../src/webhooks/index.js';
import { webhookTransactionReceived } from '../fixtures/documented.js';
import { WHSEC } from './vectors.js';

export const SECRET = WHSEC;

/** The body of a `transaction.received` delivery for `id` (status `successful` unless given). */
export function paymentBody(id = 'txn_01', status = 'successful'): string {
  return JSON.stringify({ ...webhookTransactionReceived, data: { ...webhookTransactionReceived.data, id, status } });
}

/** A signed delivery as a Fetch API Request; redeliveries reuse `webhookId`. */
export async function delivery(body = paymentBody(), webhookId = 'msg_1', secret = SECRET): Promise<Request> {
  const headers = await signWebhook({ payload: body, secret, id: webhookId });
  return new Request('https://tickets.example/webhooks/kler', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** What a test reads back from an answer. */
export async function read(response: Response): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  return { status: response.status, body: JSON.parse(await response.text()), retryAfter: response.headers.get('retry-after') };
}

/** Counts tickets per transaction id, as a ticketing backend's table would hold them. */
export class TicketOffice {
  readonly issued = new Map<string, number>();
  issue(id: string): void {
    this.issued.set(id, (this.issued.get(id) ?? 0) + 1);
  }
  get total(): number {
    return [...this.issued.values()].reduce((a, b) => a + b, 0);
  }
}

/** A promise a test resolves by hand, to hold a handler mid-work. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
