import type { RequestOptions } from '../core/http.js';
import { validateId, validateParams } from '../core/params.js';
import { route } from '../core/routes.js';
import { array } from 'zod/mini';
import { envelope } from '../schemas/common.js';
import { OperatorSchema, type Operator } from '../schemas/operator.js';
import { OperatorCreateParamsSchema, type OperatorCreateParams } from '../schemas/session-params.js';
import { TransactionListSchema, type Transaction } from '../schemas/transaction.js';
import { Resource } from './resource.js';

export type { OperatorCreateParams } from '../schemas/session-params.js';

const OperatorAnswer = /* @__PURE__ */ envelope(OperatorSchema);
const OperatorListAnswer = /* @__PURE__ */ envelope(array(OperatorSchema));
const TransactionListAnswer = /* @__PURE__ */ envelope(TransactionListSchema);

/**
 * Operators: the people working a session's terminals (cashiers, supervisors…). Reached as
 * `kler.operators`.
 * @example
 * const operator = await kler.operators.create(sessionId, { name: 'Amina Bello' });
 * const taken = await kler.operators.listTransactions(sessionId, operator.id);
 */
export class Operators extends Resource {
  /**
   * Adds an operator to a session. Kler answers 201 with the operator.
   *
   * Like every POST, never retried once it may have reached Kler (a retry could add the
   * operator twice); retried only on 429 or a refused connection.
   * @throws {KlerInvalidParamsError} when `sessionId` or a param is invalid; nothing is sent.
   * @throws {KlerNotFoundError} when no session has this id.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached or gives no answer, including
   * `KlerTimeoutError` and `KlerAbortError`; `mayHaveBeenProcessed` says whether Kler may have acted.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape (Kler
   * did act: do not send it again).
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   * @example
   * const operator = await kler.operators.create(sessionId, { name: 'Amina Bello', phone: '08012345678' });
   */
  async create(sessionId: string, params: OperatorCreateParams, options?: RequestOptions): Promise<Operator> {
    const id = validateId('operators.create', 'sessionId', sessionId);
    const body = validateParams('operators.create', OperatorCreateParamsSchema, params);
    return this.transport.request(
      { method: 'POST', route: route('operators.create', 'sessions/{session_id}/operators', { session_id: id }), body, schema: OperatorAnswer },
      options,
    );
  }

  /**
   * Lists a session's operators.
   * @throws {KlerInvalidParamsError} when `sessionId` is empty; nothing is sent.
   * @throws {KlerNotFoundError} when no session has this id.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   */
  async list(sessionId: string, options?: RequestOptions): Promise<Operator[]> {
    const id = validateId('operators.list', 'sessionId', sessionId);
    return this.transport.request(
      { method: 'GET', route: route('operators.list', 'sessions/{session_id}/operators', { session_id: id }), schema: OperatorListAnswer },
      options,
    );
  }

  /**
   * Lists the transactions linked to one operator of a session (one response: Kler documents no
   * paging for it).
   * @throws {KlerInvalidParamsError} when `sessionId` or `operatorId` is empty; nothing is sent.
   * @throws {KlerNotFoundError} when the session or operator does not exist.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   */
  async listTransactions(sessionId: string, operatorId: string, options?: RequestOptions): Promise<Transaction[]> {
    const session = validateId('operators.listTransactions', 'sessionId', sessionId);
    const operator = validateId('operators.listTransactions', 'operatorId', operatorId);
    return this.transport.request(
      {
        method: 'GET',
        route: route('operators.listTransactions', 'sessions/{session_id}/operators/{operator_id}/transactions', {
          session_id: session,
          operator_id: operator,
        }),
        schema: TransactionListAnswer,
      },
      options,
    );
  }
}
