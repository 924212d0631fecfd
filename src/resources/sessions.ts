import type { RequestOptions } from '../core/http.js';
import { validateId, validateParams } from '../core/params.js';
import { route } from '../core/routes.js';
import { envelope } from '../schemas/common.js';
import { SessionSchema, type Session } from '../schemas/session.js';
import { SessionCreateParamsSchema, type SessionCreateParams } from '../schemas/session-params.js';
import { Resource } from './resource.js';

export type { SessionCollectionParams, SessionCreateParams } from '../schemas/session-params.js';

const SessionAnswer = /* @__PURE__ */ envelope(SessionSchema);

/**
 * Sessions: one per event (or per zone or tier), each with its own payment layer. Reached as
 * `kler.sessions`.
 * @example
 * const session = await kler.sessions.retrieve('sess_123');
 * if (session.status === 'active') await kler.sessions.close(session.session_id);
 */
export class Sessions extends Resource {
  /**
   * Creates a session: provisions its collection account and POS terminals.
   *
   * Never retried after it may have reached Kler (Kler has no idempotency keys, and a second
   * create provisions a second bank account); retried only on 429 or a refused connection.
   * @throws {KlerInvalidParamsError} when a param is invalid; nothing is sent.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached or gives no answer, including
   * `KlerTimeoutError` and `KlerAbortError`; `mayHaveBeenProcessed` says whether Kler may have acted.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape (Kler
   * did act: do not send it again).
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   * @example
   * const session = await kler.sessions.create({
   *   external_event_id: 'evt_123',
   *   name: 'Lagos Music Festival 2025',
   *   collection: { account: true, pos: true, pos_count: 3 },
   *   webhook_url: 'https://tickets.example.com/kler/webhooks',
   * });
   */
  async create(params: SessionCreateParams, options?: RequestOptions): Promise<Session> {
    const body = validateParams('sessions.create', SessionCreateParamsSchema, params);
    return this.transport.request({ method: 'POST', route: route('sessions.create', 'sessions'), body, schema: SessionAnswer }, options);
  }

  /**
   * Retrieves a session by id.
   * @throws {KlerInvalidParamsError} when `sessionId` is empty; nothing is sent.
   * @throws {KlerNotFoundError} when no session has this id.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   */
  async retrieve(sessionId: string, options?: RequestOptions): Promise<Session> {
    const id = validateId('sessions.retrieve', 'sessionId', sessionId);
    return this.transport.request({ method: 'GET', route: route('sessions.retrieve', 'sessions/{session_id}', { session_id: id }), schema: SessionAnswer }, options);
  }

  /**
   * Closes a session: Kler accepts no more payments on it. The answer may carry only
   * `session_id` and `status`.
   * @throws {KlerInvalidParamsError} when `sessionId` is empty; nothing is sent.
   * @throws {KlerNotFoundError} when no session has this id.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached or gives no answer, including
   * `KlerTimeoutError` and `KlerAbortError`; `mayHaveBeenProcessed` says whether Kler may have acted.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape (Kler
   * did act: do not send it again).
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   */
  async close(sessionId: string, options?: RequestOptions): Promise<Session> {
    const id = validateId('sessions.close', 'sessionId', sessionId);
    return this.transport.request(
      { method: 'PATCH', route: route('sessions.close', 'sessions/{session_id}/close', { session_id: id }), schema: SessionAnswer },
      options,
    );
  }
}
