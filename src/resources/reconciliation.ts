import type { RequestOptions } from '../core/http.js';
import { validateId, validateParams } from '../core/params.js';
import { route } from '../core/routes.js';
import { envelope } from '../schemas/common.js';
import { ReconciliationSchema, type Reconciliation } from '../schemas/reconciliation.js';
import { TransactionListParamsSchema } from '../schemas/transaction-params.js';
import { validateCredited, type CreditedPayment } from './credited-payments.js';
import { ReconciliationAuditor, type ReconciliationAuditReport } from './reconciliation-audit.js';
import { Resource } from './resource.js';
import { Transactions, type TransactionListOptions } from './transactions.js';


const ReconciliationAnswer = /* @__PURE__ */ envelope(ReconciliationSchema);
/** Options of `reconciliation.audit`. */
export interface ReconciliationAuditParams {
  /**
   * What your platform credited (issued tickets for), as `{ id, amount }` with Kler's
   * transaction id. When given, the report also lists missing, unknown, duplicate, mis-stated
   * and unsuccessful credits.
   * @default `undefined`: the report has no `credited` section
   */
  credited?: readonly CreditedPayment[] | undefined;
  /**
   * Transactions per request while reading the session's list (1 to 100).
   * @default 50
   */
  limit?: number | undefined;
}

/**
 * Reconciliation: a session's live totals by status, channel and terminal, and an audit of them
 * against its transactions. Reached as `kler.reconciliation`.
 * @example
 * const summary = await kler.reconciliation.retrieve(sessionId);
 * console.log(summary.total_inflow, summary.by_channel);
 * const report = await kler.reconciliation.audit(sessionId);
 */
export class ReconciliationResource extends Resource {
  /**
   * Retrieves a session's reconciliation summary.
   * @throws {KlerInvalidParamsError} when `sessionId` is empty; nothing is sent.
   * @throws {KlerNotFoundError} when no session has this id.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   */
  async retrieve(sessionId: string, options?: RequestOptions): Promise<Reconciliation> {
    const id = validateId('reconciliation.retrieve', 'sessionId', sessionId);
    return this.transport.request(
      { method: 'GET', route: route('reconciliation.retrieve', 'reconciliation/{session_id}', { session_id: id }), schema: ReconciliationAnswer },
      options,
    );
  }

  /**
   * Audits a session: fetches its reconciliation summary, then every transaction, recomputes the
   * summary exactly (kobo, as bigint) and names each field that disagrees. With `credited`, also
   * compares what your platform credited with Kler's transactions. This is the script an event's
   * accountant runs after the event.
   *
   * The summary is fetched first, so every transaction it covers already exists when the list is
   * read, and the iterator never skips one. Transactions created after its `reconciled_at`
   * (payments still arriving) are left out of the summary comparison and counted in
   * `transactions_after_summary`; the credit checks use them all. On a live session a status
   * that changes between the two reads shows up as a difference.
   * @throws {KlerInvalidParamsError} when `sessionId`, `limit`, a credit or `options.concurrency` is invalid; nothing is sent.
   * @throws {KlerNotFoundError} when no session has this id.
   * @throws {KlerListChangedError} if Kler removed or reordered a transaction while it was read.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is
   * invalid, or `options.concurrency` is above 1 and the session is not closed.
   * @example
   * const report = await kler.reconciliation.audit(sessionId, { credited: ticketsSold });
   * const closed = await kler.reconciliation.audit(closedId, {}, { concurrency: 8 }); // pages in parallel
   * if (!report.consistent) {
   *   console.table(report.differences);
   *   console.log(report.credited?.missing_credits.map((t) => t.id));
   * }
   */
  async audit(
    sessionId: string,
    params: ReconciliationAuditParams = {},
    options?: TransactionListOptions,
  ): Promise<ReconciliationAuditReport> {
    const id = validateId('reconciliation.audit', 'sessionId', sessionId);
    const { limit } = validateParams('reconciliation.audit', TransactionListParamsSchema, {
      session_id: id,
      limit: params?.limit,
    });
    const credited = params?.credited === undefined ? undefined : validateCredited('reconciliation.audit', params.credited);
    const auditor = new ReconciliationAuditor(await this.retrieve(id, options), { credited });
    for await (const transaction of new Transactions(this.transport).list({ session_id: id, limit }, options)) {
      auditor.add(transaction);
    }
    return auditor.finish();
  }
}
