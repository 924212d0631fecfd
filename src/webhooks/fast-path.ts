/**
 * A shortcut past zod for the common case: a well-formed `transaction.received` body.
 *
 * Why: zod's generic parse of this small object costs about as much as the HMAC, and webhook
 * endpoints are hot. This checks the same rules by hand and returns the parsed JSON as is.
 * It may only be stricter than the schema, never more lenient: whatever it does not accept goes
 * through `TransactionReceivedPayloadSchema`, which decides (and writes the error messages).
 * test/webhooks/fast-path.test.ts checks that it accepts nothing the schema rejects and that it
 * knows every field of the schema, so a schema change cannot slip past it.
 */
import { AMOUNT_PATTERN, TimestampSchema } from '../schemas/common.js';
import type { TransactionReceivedPayload } from '../schemas/webhook-event.js';

/** The transaction fields that are optional text (`string | null | undefined`). */
export const OPTIONAL_TEXT_FIELDS = [
  'sender_name',
  'sender_account',
  'sender_bank',
  'narration',
  'providus_ref',
  'terminal_id',
  'operator_id',
] as const;

/** The transaction fields that are required non-empty strings. */
export const REQUIRED_TEXT_FIELDS = ['id', 'currency', 'channel', 'status'] as const;

/** Every transaction field the shortcut checks (the test compares this with the schema). */
export const FAST_PATH_FIELDS: readonly string[] = [
  ...REQUIRED_TEXT_FIELDS,
  ...OPTIONAL_TEXT_FIELDS,
  'amount',
  'paid_at',
  'session_id',
  'created_at',
];

/**
 * `json` typed as a `transaction.received` body when it certainly is one, else `undefined`
 * (which means "ask the schema", not "invalid").
 */
export function fastTransactionReceived(json: unknown): TransactionReceivedPayload | undefined {
  const event = json as Record<string, unknown>;
  if (event.event !== 'transaction.received' || !isNonEmptyString(event.session_id)) return undefined;
  const data = event.data as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  for (const field of REQUIRED_TEXT_FIELDS) if (!isNonEmptyString(data[field])) return undefined;
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const value = data[field];
    if (value !== undefined && value !== null && typeof value !== 'string') return undefined;
  }
  if (typeof data.amount !== 'string' || !AMOUNT_PATTERN.test(data.amount)) return undefined;
  if (data.session_id !== undefined && !isNonEmptyString(data.session_id)) return undefined;
  if (data.paid_at !== undefined && data.paid_at !== null && !isTimestamp(data.paid_at)) return undefined;
  if (data.created_at !== undefined && !isTimestamp(data.created_at)) return undefined;
  return json as TransactionReceivedPayload;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && TimestampSchema.safeParse(value).success;
}
