import { KlerError } from '../core/errors.js';

/**
 * A mistake in how a test drives the fake Kler (a payment on a closed session, an unknown
 * terminal, a malformed amount), as opposed to an answer the fake gives over HTTP.
 */
export class KlerMockError extends KlerError {
  static override readonly kind: string = 'KlerMockError';
}
