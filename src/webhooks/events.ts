/**
 * Turns a delivery's body into a typed event: JSON, then the event schema chosen by `event`.
 * Event types this SDK does not know parse into the unknown variant instead of failing.
 */
import { KlerWebhookVerificationError } from '../core/errors.js';
import {
  TransactionReceivedPayloadSchema,
  UnknownWebhookPayloadSchema,
  type KlerWebhookEvent,
  type KlerWebhookPayload,
} from '../schemas/webhook-event.js';
import { fromUtf8 } from './encoding.js';
import { fastTransactionReceived } from './fast-path.js';
import { rawPayload, type WebhookPayload } from './payload.js';

/** The delivery fields verification adds to the body. */
export interface WebhookDelivery {
  /** The delivery id; the same across Kler's retries of one message. */
  webhook_id: string;
  /** When the delivery was signed, in unix seconds. */
  timestamp: number;
}

/**
 * Parses a body whose signature was already checked (or which the caller chose not to check).
 * @throws {KlerWebhookVerificationError} `invalid_payload` when it is not a JSON event.
 */
export function parseEventBody(body: string | Uint8Array): KlerWebhookPayload {
  let text: string;
  try {
    text = typeof body === 'string' ? body : fromUtf8(body);
  } catch (cause) {
    throw invalid('The webhook body is not valid UTF-8, so it cannot be a JSON event.', cause);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const what = text.trim() === '' ? 'empty' : 'not JSON';
    throw invalid(`The webhook body is ${what}, so it is not a Kler event.`, cause);
  }
  const type = (json as { event?: unknown } | null)?.event;
  if (json === null || typeof json !== 'object' || Array.isArray(json) || typeof type !== 'string' || type === '') {
    throw invalid('The webhook body is JSON but not a Kler event: expected an object with a non-empty string `event`.');
  }
  if (type === 'transaction.received') {
    const fast = fastTransactionReceived(json);
    if (fast) return fast;
  }
  const schema = type === 'transaction.received' ? TransactionReceivedPayloadSchema : UnknownWebhookPayloadSchema;
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues
    .slice(0, 8)
    .map((issue) => `  - ${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  throw invalid(`The webhook body is a "${type}" event that does not match its documented shape:\n${lines.join('\n')}`);
}

/** Adds the delivery fields to a parsed body. They win over same-named body fields. */
export function withDelivery(payload: KlerWebhookPayload, delivery: WebhookDelivery): KlerWebhookEvent {
  return Object.assign(payload, delivery) as KlerWebhookEvent;
}

/**
 * Parses a webhook body WITHOUT verifying that Kler sent it. Use it only for deliveries that
 * carry no signature, and pass the result to `kler.webhooks.confirm(event)` before acting: that
 * re-fetches the transaction from the API, which is what makes it trustworthy.
 * @throws {KlerWebhookVerificationError} `payload_not_raw` or `invalid_payload`.
 * @example
 * const unverified = parseWebhookEventUnverified(await request.text());
 * if (isTransactionReceivedEvent(unverified)) {
 *   const transaction = await kler.webhooks.confirm(unverified); // throws if Kler disagrees
 * }
 */
export function parseWebhookEventUnverified(payload: WebhookPayload): KlerWebhookPayload {
  return parseEventBody(rawPayload(payload));
}

/**
 * Whether `event` is a `transaction.received` event, narrowing its type (TypeScript cannot
 * narrow on `event.event === …` alone, because unknown event types are any string).
 * @example
 * if (isTransactionReceivedEvent(event)) issueTicket(event.data.id, event.data.amount);
 */
export function isTransactionReceivedEvent<T extends { event: string }>(
  event: T,
): event is Extract<T, { event: 'transaction.received' }> {
  return event.event === 'transaction.received';
}

function invalid(message: string, cause?: unknown): KlerWebhookVerificationError {
  return new KlerWebhookVerificationError('invalid_payload', message, cause === undefined ? undefined : { cause });
}
