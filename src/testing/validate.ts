/**
 * The fake's checks of request bodies: the SDK's own param schemas, so raw HTTP (`kler mock`,
 * other languages) cannot create what the SDK's client would refuse to send or to read back.
 * The first problem is answered as Kler-style `400 invalid_request`, naming its field.
 */
import type { ZodMiniType } from 'zod/mini';
import { dottedPath } from '../core/issues.js';
import { OperatorCreateParamsSchema, SessionCreateParamsSchema } from '../schemas/session-params.js';
import { invalid, type ApiAnswer } from './answers.js';
import type { OperatorInput, SessionInput } from './state.js';

type Checked<T> = { ok: true; value: T } | { ok: false; answer: ApiAnswer };

/** `body` checked with `schema`; the first issue becomes the answer. */
function check<T>(schema: ZodMiniType<T>, body: unknown): Checked<T> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const [first] = result.error.issues;
  const field = first ? dottedPath(first.path) : '';
  return { ok: false, answer: invalid(first?.message ?? 'The body is invalid.', field || undefined) };
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

/** Checks a `POST /v1/sessions` body with the SDK's `SessionCreateParamsSchema`. */
export function checkSessionBody(body: unknown): Checked<SessionInput> {
  const checked = check(SessionCreateParamsSchema, body);
  if (!checked.ok) return checked;
  const { external_event_id, name, currency = 'NGN', collection, webhook_url, metadata, starts_at, ends_at } = checked.value;
  const { account, pos, pos_count } = collection;
  return {
    ok: true,
    value: { external_event_id, name, currency, collection: { account, pos, pos_count }, webhook_url, metadata, starts_at, ends_at },
  };
}

/** Checks a `POST /v1/sessions/:id/operators` body with the SDK's `OperatorCreateParamsSchema`. */
export function checkOperatorBody(body: unknown): Checked<OperatorInput> {
  const checked = check(OperatorCreateParamsSchema, body);
  if (!checked.ok) return checked;
  const { name, email, phone, role } = checked.value;
  return { ok: true, value: { name, email, phone, role } };
}

/** Reads a whole-number query parameter; `undefined` when absent, `null` when invalid. */
export function queryInt(params: URLSearchParams, name: string, min: number): number | undefined | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && Number.isSafeInteger(value) ? value : null;
}
