/**
 * The fake's own checks of request bodies, written from Kler's documentation rather than
 * borrowed from the SDK's param schemas: the fake is what those schemas are tested against, so
 * it must not share their mistakes.
 */
import { invalid, type ApiAnswer } from './answers.js';
import type { OperatorInput, SessionInput } from './state.js';

type Checked<T> = { ok: true; value: T } | { ok: false; answer: ApiAnswer };

const fail = (message: string, field?: string): { ok: false; answer: ApiAnswer } => ({ ok: false, answer: invalid(message, field) });

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const isIsoTime = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Parses a request body as JSON; `undefined` when it is not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Checks a `POST /v1/sessions` body against the documented fields. */
export function checkSessionBody(body: unknown): Checked<SessionInput> {
  if (!isObject(body)) return fail('The body must be a JSON object.');
  if (!isText(body['external_event_id'])) return fail('external_event_id is required (a non-empty string).', 'external_event_id');
  if (!isText(body['name'])) return fail('name is required (a non-empty string).', 'name');
  const currency = body['currency'] ?? 'NGN';
  if (currency !== 'NGN') return fail('currency must be "NGN", the only currency supported.', 'currency');
  for (const field of ['starts_at', 'ends_at'] as const) {
    if (body[field] !== undefined && !isIsoTime(body[field])) return fail(`${field} must be an ISO 8601 time.`, field);
  }
  const collection = body['collection'];
  if (!isObject(collection)) return fail('collection is required: { account, pos, pos_count? }.', 'collection');
  if (typeof collection['account'] !== 'boolean') return fail('collection.account must be true or false.', 'collection.account');
  if (typeof collection['pos'] !== 'boolean') return fail('collection.pos must be true or false.', 'collection.pos');
  const posCount = collection['pos_count'];
  if (collection['pos']) {
    if (typeof posCount !== 'number' || !Number.isInteger(posCount) || posCount < 1 || posCount > 50) {
      return fail('collection.pos_count must be a whole number from 1 to 50 when collection.pos is true.', 'collection.pos_count');
    }
  }
  if (body['webhook_url'] !== undefined && !isHttpUrl(body['webhook_url'])) {
    return fail('webhook_url must be an absolute http(s) URL.', 'webhook_url');
  }
  if (body['metadata'] !== undefined && !isObject(body['metadata'])) return fail('metadata must be a JSON object.', 'metadata');
  return {
    ok: true,
    value: {
      external_event_id: body['external_event_id'],
      name: body['name'],
      currency,
      collection: {
        account: collection['account'],
        pos: collection['pos'],
        pos_count: typeof posCount === 'number' ? posCount : undefined,
      },
      webhook_url: body['webhook_url'] as string | undefined,
      metadata: body['metadata'] as Record<string, unknown> | undefined,
      starts_at: body['starts_at'] as string | undefined,
      ends_at: body['ends_at'] as string | undefined,
    },
  };
}

/** Checks a `POST /v1/sessions/:id/operators` body. */
export function checkOperatorBody(body: unknown): Checked<OperatorInput> {
  if (!isObject(body)) return fail('The body must be a JSON object.');
  if (!isText(body['name'])) return fail('name is required (a non-empty string).', 'name');
  for (const field of ['email', 'phone', 'role'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') return fail(`${field} must be a string.`, field);
  }
  return {
    ok: true,
    value: {
      name: body['name'],
      email: body['email'] as string | undefined,
      phone: body['phone'] as string | undefined,
      role: body['role'] as string | undefined,
    },
  };
}

/** Reads a whole-number query parameter; `undefined` when absent, `null` when invalid. */
export function queryInt(params: URLSearchParams, name: string, min: number): number | undefined | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && Number.isSafeInteger(value) ? value : null;
}
