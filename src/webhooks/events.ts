/**
 * Turns a delivery's body into a typed event: UTF-8, JSON, then the shape of its `event` type.
 * Event types this SDK does not know parse into the unknown variant instead of failing.
 */
import type { $ZodIssue } from 'zod/v4/core';
import { KlerWebhookVerificationError } from '../core/errors.js';
import { issueLines } from '../core/issues.js';
import {
  isKnownWebhookEventType,
  KlerWebhookPayloadSchema,
  UnknownWebhookPayloadSchema,
  type AnyKlerWebhookEvent,
  type KlerWebhookPayload,
  type UnknownWebhookEvent,
  type UnknownWebhookPayload,
} from '../schemas/webhook-event.js';
import { nestsDeeperThan } from '../core/json-depth.js';
import { fromUtf8 } from './encoding.js';
import { fastKnownPayloads } from './fast-payloads.js';
import { rawPayload, type WebhookPayload } from './payload.js';

/**
 * What known events are parsed with: `KlerWebhookPayloadSchema` on zod's interpreter, or the
 * same with its compiled fast path in front (`fastKnownPayloads`).
 */
export interface KnownPayloadsSchema {
  safeParse(value: unknown): { success: true; data: KlerWebhookPayload } | { success: false; error: { issues: $ZodIssue[] } };
}

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
export function parseEventBody(
  body: string | Uint8Array,
  known: KnownPayloadsSchema = KlerWebhookPayloadSchema,
): KlerWebhookPayload | UnknownWebhookPayload {
  let json: unknown;
  let text: string | undefined;
  try {
    text = typeof body === 'string' ? body : fromUtf8(body);
    // A UTF-8 byte order mark before the JSON is allowed (RFC 8259 lets parsers ignore it); the
    // signature was checked over the raw bytes, BOM included.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (nestsDeeperThan(text)) throw new RangeError();
    json = JSON.parse(text);
  } catch (cause) {
    const what =
      text === undefined ? 'not valid UTF-8' : cause instanceof RangeError ? 'JSON nested too deep' : text.trim() ? 'not JSON' : 'empty';
    throw invalid(`The webhook body is ${what}, so it is not a Kler event.`, { cause });
  }
  const event = (json as { event?: unknown } | null)?.event;
  // Chosen by `event`, so a known event with a malformed body names its own fields; an event
  // type this SDK does not know only has its `event` checked.
  const result = isKnownWebhookEventType(event) ? known.safeParse(json) : UnknownWebhookPayloadSchema.safeParse(json);
  if (result.success) return result.data;
  const what = typeof event === 'string' && event ? `a "${event}" event` : 'JSON';
  const issues = result.error.issues;
  throw new KlerWebhookVerificationError(
    'invalid_payload',
    `The webhook body is ${what} that does not match the documented event shape:\n${issueLines(issues, '(body)')}`,
    { issues },
  );
}

/** Adds the delivery fields to a parsed body. They win over same-named body fields. */
export function withDelivery(payload: KlerWebhookPayload | UnknownWebhookPayload, delivery: WebhookDelivery): AnyKlerWebhookEvent {
  return Object.assign(payload, delivery) as AnyKlerWebhookEvent;
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
  // Typed as the known events, as `verifyWebhook` is: an unknown type is still returned as sent.
  return parseEventBody(rawPayload(payload), fastKnownPayloads) as KlerWebhookPayload;
}

/**
 * Whether `event` is a `transaction.received` event, narrowing its type. On a `KlerWebhookEvent`
 * `event.event === 'transaction.received'` narrows just as well; this guard also narrows an
 * `AnyKlerWebhookEvent` (a stored copy that may be of a type this SDK does not know).
 * @example
 * if (isTransactionReceivedEvent(event)) issueTicket(event.data.id, event.data.amount);
 */
export function isTransactionReceivedEvent<
  T extends {
    /** The event type, such as `transaction.received`. */
    event: string;
  },
>(
  event: T,
): event is Extract<
  T,
  {
    /** The event type this guard narrows to. */
    event: 'transaction.received';
  }
> {
  return event.event === 'transaction.received';
}

/**
 * Whether `event` is of a type this version of the SDK does not know (Kler adds event types
 * over time): such an event is verified and returned as sent, typed `UnknownWebhookEvent` here.
 * @example
 * switch (event.event) {
 *   case 'transaction.received':
 *     await issueTicket(event.data);
 *     break;
 *   default:
 *     if (isUnknownWebhookEvent(event)) console.info(`ignoring ${event.event}`);
 * }
 */
export function isUnknownWebhookEvent(event: { readonly event: string }): event is UnknownWebhookEvent {
  return !isKnownWebhookEventType(event.event);
}

function invalid(message: string, options?: { cause: unknown }): KlerWebhookVerificationError {
  return new KlerWebhookVerificationError('invalid_payload', message, options);
}
