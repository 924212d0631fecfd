import { KlerConfigurationError, KlerInvalidParamsError, KlerWebhookConfirmationError } from '../core/errors.js';
import type { RequestOptions, Transport } from '../core/http.js';
import { amountsEqual, isAmount } from '../core/money.js';
import { validateId } from '../core/params.js';
import { TimestampSchema } from '../schemas/common.js';
import { WebhookTransactionSchema, type Transaction } from '../schemas/transaction.js';
import type { KlerWebhookEvent, TransactionReceivedPayload } from '../schemas/webhook-event.js';
// A static import, not a lazy `import()`: a single-file bundle (esbuild, as for Workers) holds the
// verifier either way, and a lazy import makes esbuild wrap every module it shares with the client
// (errors, models) in an initialiser: ~0.3 kB gzipped more in `@kler/sdk` (scripts/size.mjs), for
// a cold-import saving on Node within the noise of bench/import-time.ts.
import { checkEventBody } from '../webhooks/event-check.js';
import { verifyDelivery, type VerifyWebhookOptions } from '../webhooks/verify-delivery.js';
import { Resource } from './resource.js';
import { Transactions } from './transactions.js';

/** The client's bodies go straight to zod's interpreter (see `verify`). */
const CLIENT_BODY_PARSER = { check: checkEventBody };

/** What `kler.webhooks.verify` takes: a delivery, verified with the client's `webhookSecret`. */
export type WebhooksVerifyParams = Omit<VerifyWebhookOptions, 'secret'>;

/**
 * The parts of a `transaction.received` event that `confirm` checks. Both a verified event and
 * the result of `parseWebhookEventUnverified` fit.
 */
export type ConfirmableWebhookEvent = Pick<TransactionReceivedPayload, 'event' | 'session_id' | 'data'>;

/**
 * Webhooks: verify deliveries with the client's secret, and confirm them against the API.
 * Reached as `kler.webhooks`.
 * @example
 * const kler = new KlerClient({ webhookSecret: process.env.KLER_WEBHOOK_SECRET });
 * const event = await kler.webhooks.verify({ payload: await request.text(), headers: request.headers });
 */
export class Webhooks extends Resource {
  // Private, so neither `JSON.stringify` nor `util.inspect` of the client can show it.
  readonly #secret: string | readonly string[] | undefined;
  /** `confirm` re-fetches through the one definition of `GET /v1/transactions/:id`. */
  readonly #transactions: Transactions;

  /**
   * The webhooks resource, verifying with `secret` (the client's `webhookSecret`).
   * @internal Built only by `KlerClient` (see `Resource`); use `kler.webhooks`.
   */
  constructor(transport: Transport, secret: string | readonly string[] | undefined) {
    super(transport);
    this.#secret = secret;
    this.#transactions = new Transactions(transport);
  }

  /**
   * Verifies a delivery with the client's `webhookSecret` and parses it into a typed event; see
   * `verifyWebhook` from `@kler/sdk/webhooks` for the details and failure reasons.
   * @throws {KlerWebhookVerificationError} when the delivery is not authentic or not an event.
   * @throws {KlerConfigurationError} when the client has no webhook secret.
   * @example
   * const event = await kler.webhooks.verify({ payload: req.body, headers: req.headers });
   */
  async verify(params: WebhooksVerifyParams): Promise<KlerWebhookEvent> {
    const secret = this.#secret;
    if (secret === undefined || (Array.isArray(secret) && secret.length === 0)) {
      throw new KlerConfigurationError(
        'No webhook secret: pass `webhookSecret` to `new KlerClient({ webhookSecret })` or set KLER_WEBHOOK_SECRET. ' +
          'For unsigned deliveries, use parseWebhookEventUnverified() and kler.webhooks.confirm(event).',
      );
    }
    // zod's interpreter, imported statically (the client loads zod anyway), not the compiled
    // fast path of `@kler/sdk/webhooks`: a few microseconds per delivery, against ~1 kB less in
    // every client bundle.
    return verifyDelivery({ ...params, secret }, CLIENT_BODY_PARSER);
  }

  /**
   * Confirms a `transaction.received` event against the API: re-fetches the transaction
   * (`GET /v1/transactions/:id`) and checks that every documented field both carry agrees with
   * the delivery: session, amount (as a sum of money), currency, channel, status, the sender
   * fields, narration, `providus_ref`, terminal, operator and `paid_at` (as an instant). This is
   * how to trust a delivery that carries no signature; act on the returned transaction, which
   * came from Kler itself, and record its work as done (a `WebhookStore` with `retainMs: null`)
   * only after this succeeds, permanently: an unsigned delivery can be replayed at any time.
   * @returns the transaction as Kler has it now.
   * @throws {KlerWebhookConfirmationError} naming the `field` that disagrees.
   * @throws {KlerNotFoundError} when Kler has no such transaction (a forged delivery).
   * @throws {KlerInvalidParamsError} when `event` is not a `transaction.received` event, or has
   * no `data.id`; nothing is sent.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   * @example
   * const event = await parseWebhookEventUnverified(await request.text());
   * if (isTransactionReceivedEvent(event)) {
   *   const transaction = await kler.webhooks.confirm(event);
   *   if (transaction.status === 'successful') await issueTicket(transaction);
   * }
   */
  async confirm(event: ConfirmableWebhookEvent, options?: RequestOptions): Promise<Transaction> {
    if (event?.event !== 'transaction.received') {
      throw new KlerInvalidParamsError('webhooks.confirm', [
        {
          field: 'event',
          message: `confirm() takes "transaction.received" events, got ${JSON.stringify(event?.event)}`,
        },
      ]);
    }
    const id = validateId('webhooks.confirm', 'event.data.id', event.data?.id);
    const transaction = await this.#transactions.retrieve(id, options);
    // What the delivery says, field by field, against what Kler's API says: every documented
    // field both carry (a forged narration or sender could otherwise ride on a real id), in the
    // model's order, so status is compared before `paid_at` (a payment that completed since the
    // delivery reads as a status change). A field either side lacks is skipped: Kler may send
    // some in only one of the two places.
    const claims: Record<string, unknown> = { ...event.data, id, session_id: event.session_id };
    for (const field of Object.keys(WebhookTransactionSchema.shape)) {
      const expected = claims[field];
      const actual = (transaction as Record<string, unknown>)[field];
      if (expected === undefined || actual === undefined || agree(field, expected, actual)) continue;
      throw new KlerWebhookConfirmationError({
        field,
        expected,
        actual,
        transactionId: id,
        message:
          `The webhook says transaction ${id} has ${field} ${JSON.stringify(expected)}, but Kler's API says ${JSON.stringify(actual)}. ` +
          (field === 'status'
            ? "The status may have changed since it was sent: act on the API's value."
            : 'Do not act on this delivery: it was altered or forged.'),
      });
    }
    return transaction;
  }
}

/**
 * Whether the delivery's and the API's values of `field` agree. Amounts compare as sums of money
 * (`"5000"` equals `"5000.00"`) and times as instants; a malformed value (only possible in a
 * hand-built event) agrees with nothing but itself.
 */
function agree(field: string, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  if (field === 'amount') return isAmount(a) && isAmount(b) && amountsEqual(a, b);
  return field.endsWith('_at') && isTimestamp(a) && isTimestamp(b) && Date.parse(a) === Date.parse(b);
}

function isTimestamp(value: string): boolean {
  return TimestampSchema.safeParse(value).success;
}
