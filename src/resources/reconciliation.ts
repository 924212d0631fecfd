import type { RequestOptions } from '../core/http.js';
import { validateId } from '../core/params.js';
import { path } from '../core/path.js';
import { ReconciliationSchema, type Reconciliation } from '../schemas/reconciliation.js';
import { Resource } from './resource.js';

/** Reconciliation: a session's live totals by status, channel and terminal. */
export class ReconciliationResource extends Resource {
  /**
   * Retrieves a session's reconciliation summary.
   * @throws {KlerNotFoundError} when no session has this id.
   */
  async retrieve(sessionId: string, options?: RequestOptions): Promise<Reconciliation> {
    const id = validateId('reconciliation.retrieve', 'sessionId', sessionId);
    return this.transport.request(
      { method: 'GET', path: path`reconciliation/${id}`, schema: ReconciliationSchema },
      options,
    );
  }
}
