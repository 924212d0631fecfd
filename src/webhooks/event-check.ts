/**
 * zod's verdict on a webhook body that the fast path did not accept, with the issues. Imported
 * lazily by `event-check-loader.ts`; it exports one function so a bundler keeps only the two schemas
 * it reads (a bundler keeps every export of a module reached through `import()`).
 */
import { KlerWebhookVerificationError } from '../core/errors.js';
import { issueLines } from '../core/issues.js';
import { KlerWebhookPayloadSchema, UnknownWebhookPayloadSchema, type KlerWebhookPayload, type UnknownWebhookPayload } from '../schemas/webhook-event.js';

/**
 * Checks `json` against the schema its `event` picks: a known event's own schema (so a malformed
 * body names its fields, `data.amount`), or, for an event type this SDK does not know, only `event`.
 * @throws {KlerWebhookVerificationError} `invalid_payload`, with zod's issues.
 */
export function checkEventBody(json: unknown, event: unknown, known: boolean): KlerWebhookPayload | UnknownWebhookPayload {
  const result = known ? KlerWebhookPayloadSchema.safeParse(json) : UnknownWebhookPayloadSchema.safeParse(json);
  if (result.success) return result.data;
  const what = typeof event === 'string' && event ? `a "${event}" event` : 'JSON';
  const issues = result.error.issues;
  throw new KlerWebhookVerificationError(
    'invalid_payload',
    `The webhook body is ${what} that does not match the documented event shape:\n${issueLines(issues, '(body)')}`,
    { issues },
  );
}
