import type { RequestOptions } from '../core/http.js';
import { validateId } from '../core/params.js';
import { route } from '../core/routes.js';
import { envelope } from '../schemas/common.js';
import { SettlementSchema, type Settlement } from '../schemas/settlement.js';
import { Resource } from './resource.js';

const SettlementAnswer = /* @__PURE__ */ envelope(SettlementSchema);

/**
 * Settlement: what has been paid out to the organiser and what is still waiting. Reached as
 * `kler.settlement`.
 * @example
 * const settlement = await kler.settlement.retrieve(sessionId);
 * console.log(settlement.total_settled, settlement.total_pending_settlement);
 */
export class SettlementResource extends Resource {
  /**
   * Retrieves a session's settlement summary.
   * @throws {KlerInvalidParamsError} when `sessionId` is empty; nothing is sent.
   * @throws {KlerNotFoundError} when no session has this id.
   * @throws {KlerAPIError} when Kler answers with another error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @throws {KlerConfigurationError} when the client has no API key, or `timeout` or `maxRetries` is invalid.
   */
  async retrieve(sessionId: string, options?: RequestOptions): Promise<Settlement> {
    const id = validateId('settlement.retrieve', 'sessionId', sessionId);
    return this.transport.request({ method: 'GET', route: route('settlement.retrieve', 'settlement/{session_id}', { session_id: id }), schema: SettlementAnswer }, options);
  }
}
