import { KlerConfigurationError, KlerInvalidParamsError } from '../core/errors.js';
import type { RequestOptions } from '../core/http.js';
import { PagePromise, type Page } from '../core/pagination.js';
import { validateId, validateParams } from '../core/params.js';
import { route } from '../core/routes.js';
import { envelope } from '../schemas/common.js';
import { SessionSchema } from '../schemas/session.js';
import { TransactionListSchema, TransactionSchema, type Transaction } from '../schemas/transaction.js';
import {
  DEFAULT_TRANSACTIONS_PAGE_SIZE,
  TransactionListParamsSchema,
  type TransactionListParams,
} from '../schemas/transaction-params.js';
import { Resource } from './resource.js';

export type { TransactionListParams } from '../schemas/transaction-params.js';

const TransactionAnswer = /* @__PURE__ */ envelope(TransactionSchema);
const SessionAnswer = /* @__PURE__ */ envelope(SessionSchema);
const TransactionListAnswer = /* @__PURE__ */ envelope(TransactionListSchema);

/** Options of `transactions.list`: the request options, and parallel pages for closed sessions. */
export interface TransactionListOptions extends RequestOptions {
  /**
   * Pages fetched at once by `for await`, 1 to 16, for a **closed** session only: its list no
   * longer moves, so pages can be read in parallel, still in order and each row once, holding at
   * most `concurrency` pages. On a session that is not closed the loop throws
   * `KlerConfigurationError` before reading (the growing-list guarantees need sequential reads).
   * Awaiting the list (the first page) is unaffected.
   * @default 1 (sequential)
   */
  concurrency?: number | undefined;
}

/** Largest `concurrency`: more parallel pages than this only adds load on Kler. */
const MAX_CONCURRENCY = 16;

/** One page of a session's transactions, newest first. */
export type TransactionPage = Page<Transaction>;

/**
 * Transactions: the payments recorded on a session, newest first. Reached as
 * `kler.transactions`.
 * @example
 * for await (const transaction of kler.transactions.list({ session_id })) {
 *   console.log(transaction.id, transaction.amount, transaction.status);
 * }
 */
export class Transactions extends Resource {
  /**
   * Lists a session's transactions, newest first. `await` it for the first page, or `for await`
   * over it for every transaction: pages are fetched as the loop needs them, and while payments
   * keep arriving each transaction is yielded exactly once, none that existed when the loop began
   * is skipped.
   *
   * Each request after the first re-reads the last transaction handled, to measure how far the
   * list moved; on a very busy session use a larger `limit`, since the loop ends only once it
   * reads faster than payments arrive (for a list shorter than one page, once a request sees no
   * new payment: the SDK cannot tell Kler's page cap from new arrivals then). Nothing is sent until the result is awaited or iterated;
   * invalid params reject then.
   * @throws {KlerInvalidParamsError} when `session_id`, `limit`, `offset` or `concurrency` is invalid; nothing is sent.
   * @throws {KlerConfigurationError} (while iterating with `concurrency` above 1) when the session is not closed.
   * @throws {KlerListChangedError} (while iterating) if Kler removed or reordered a transaction.
   * @throws {KlerPaginationError} (while iterating) if the server ignores or clamps `offset`; after a bounded number of requests.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   * @example
   * for await (const transaction of kler.transactions.list({ session_id })) {
   *   if (transaction.status === 'successful') await markPaid(transaction);
   * }
   * const latest = await kler.transactions.list({ session_id, limit: 10 }); // latest.data
   * const all = await kler.transactions.list({ session_id }).toArray({ max: 50_000 });
   * for await (const t of kler.transactions.list({ session_id: closedId }, { concurrency: 8 })) export(t);
   */
  list(params: TransactionListParams, options?: TransactionListOptions): PagePromise<Transaction> {
    return new PagePromise(() => {
      const query = validateParams('transactions.list', TransactionListParamsSchema, params);
      const sessionId = query.session_id;
      const label = `transactions.list({ session_id: ${JSON.stringify(sessionId)} })`;
      const concurrency = options?.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new KlerInvalidParamsError('transactions.list', [
          { field: 'options.concurrency', message: `concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${String(concurrency)}` },
        ]);
      }
      const withSignal = (signal: AbortSignal | undefined): RequestOptions | undefined =>
        signal ? { ...options, signal: options?.signal ? AbortSignal.any([options.signal, signal]) : signal } : options;
      const check = async () => {
        const session = await this.transport.request({ method: 'GET', route: route('sessions.retrieve', 'sessions/{session_id}', { session_id: sessionId }), schema: SessionAnswer }, options);
        if (session.status !== 'closed') {
          throw new KlerConfigurationError(
            `${label}: concurrency needs a closed session (its list no longer moves); this one is ${JSON.stringify(session.status)}. ` +
              'Leave concurrency out: sequential reads stay exact while payments arrive.',
          );
        }
      };
      return {
        ...(concurrency > 1 ? { parallel: { concurrency, check } } : {}),
        offset: query.offset ?? 0,
        limit: query.limit ?? DEFAULT_TRANSACTIONS_PAGE_SIZE,
        idOf: (transaction: Transaction) => transaction.id,
        label,
        fetch: (offset: number, limit: number, signal?: AbortSignal) =>
          this.transport.request(
            {
              method: 'GET',
              route: route('transactions.list', 'transactions'),
              query: { session_id: sessionId, limit, offset },
              schema: TransactionListAnswer,
            },
            withSignal(signal),
          ),
      };
    });
  }

  /**
   * Retrieves one transaction by id, as Kler has it now (its status may have changed since a
   * webhook announced it).
   * @throws {KlerInvalidParamsError} when `transactionId` is empty; nothing is sent.
   * @throws {KlerNotFoundError} when no transaction has this id.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   * @example
   * const transaction = await kler.transactions.retrieve('txn_123');
   */
  async retrieve(transactionId: string, options?: RequestOptions): Promise<Transaction> {
    const id = validateId('transactions.retrieve', 'transactionId', transactionId);
    return this.transport.request(
      { method: 'GET', route: route('transactions.retrieve', 'transactions/{transaction_id}', { transaction_id: id }), schema: TransactionAnswer },
      options,
    );
  }
}
