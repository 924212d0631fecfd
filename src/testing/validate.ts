/**
 * The fake's own checks of request bodies, written from Kler's documentation rather than
 * borrowed from the SDK's param schemas: the fake is what those schemas are tested against, so
 * it must not share their mistakes. Where the SDK adds a rule of its own (a session must collect
 * somehow, `ends_at` after `starts_at`, timestamps with a UTC offset, a real email), the fake
 * enforces it too, so raw HTTP (`kler mock`, other languages) cannot create what the SDK's client
 * would refuse to send or to read back; `test/testing/parity.test.ts` keeps the two in step.
 */
import { isIsoTimestamp } from '../core/patterns.js';
import { invalid, type ApiAnswer } from './answers.js';
import type { OperatorInput, SessionInput } from './state.js';

type Checked<T> = { ok: true; value: T } | { ok: false; answer: ApiAnswer };

const fail = (message: string, field?: string): { ok: false; answer: ApiAnswer } => ({ ok: false, answer: invalid(message, field) });

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** A timestamp with seconds and a `Z` or `±hh:mm` offset: without one, the time would depend on the server's zone. */
const isIsoTime = (value: unknown): value is string => typeof value === 'string' && isIsoTimestamp(value);

const isPosCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 50;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
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
  const currency = body['currency'] === undefined ? 'NGN' : body['currency'];
  if (currency !== 'NGN') return fail('currency must be "NGN", the only currency supported.', 'currency');
  for (const field of ['starts_at', 'ends_at'] as const) {
    if (body[field] !== undefined && !isIsoTime(body[field])) {
      return fail(`${field} must be an ISO 8601 time with a UTC offset, such as "2025-08-01T18:00:00.000Z"; got ${JSON.stringify(body[field])}.`, field);
    }
  }
  const startsAt = body['starts_at'] as string | undefined;
  const endsAt = body['ends_at'] as string | undefined;
  if (startsAt !== undefined && endsAt !== undefined && Date.parse(endsAt) <= Date.parse(startsAt)) {
    return fail(`ends_at (${endsAt}) must be later than starts_at (${startsAt}).`, 'ends_at');
  }
  const collection = body['collection'];
  if (!isObject(collection)) return fail('collection is required: { account, pos, pos_count? }.', 'collection');
  if (typeof collection['account'] !== 'boolean') return fail('collection.account must be true or false.', 'collection.account');
  if (typeof collection['pos'] !== 'boolean') return fail('collection.pos must be true or false.', 'collection.pos');
  if (!collection['account'] && !collection['pos']) {
    return fail('collection must enable at least one of account and pos, or the session cannot take payments.', 'collection');
  }
  const posCount = collection['pos_count'];
  if (collection['pos'] && posCount === undefined) {
    return fail('collection.pos_count is required when collection.pos is true (a whole number from 1 to 50).', 'collection.pos_count');
  }
  // Checked even when pos is false, as the SDK does: a stray, impossible pos_count is a mistake.
  if (posCount !== undefined && !isPosCount(posCount)) {
    return fail(`collection.pos_count must be a whole number from 1 to 50, got ${JSON.stringify(posCount)}.`, 'collection.pos_count');
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
  if (body['email'] !== undefined && !EMAIL.test(body['email'] as string)) return fail('email must be an email address.', 'email');
  // An empty role would be stored and answered as is, which the SDK's Operator model refuses to read.
  if (body['role'] !== undefined && (body['role'] as string).trim() === '') return fail('role must not be empty.', 'role');
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
