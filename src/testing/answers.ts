/**
 * The shapes of the fake's HTTP answers. Kler documents its success envelope but not its error
 * envelope; the fake answers errors as `{ success: false, error: { code, message, field? } }`,
 * one of the shapes the SDK's error messages read.
 */

/** One HTTP answer, before it is written by either door. */
export interface ApiAnswer {
  status: number;
  /** JSON-serialisable body, or a string sent as is (malformed-body faults). */
  body: unknown;
  headers?: Record<string, string>;
}

/** A success: `{ success: true, data }`. */
export function ok(data: unknown, status = 200): ApiAnswer {
  return { status, body: { success: true, data } };
}

/** An error answer with a stable `code` and a message a person can act on. */
export function problem(status: number, code: string, message: string, field?: string): ApiAnswer {
  return { status, body: { success: false, error: { code, message, ...(field ? { field } : {}) } } };
}

export const notFound = (what: string, id: string): ApiAnswer =>
  problem(404, 'not_found', `No ${what} with id ${JSON.stringify(id)}.`);

export const invalid = (message: string, field?: string): ApiAnswer => problem(400, 'invalid_request', message, field);
