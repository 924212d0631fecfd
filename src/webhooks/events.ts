/**
 * Turns a delivery's body into a typed event: UTF-8, JSON, then the shape of its `event` type.
 * Event types this SDK does not know parse into the unknown variant instead of failing.
 */
import { KlerWebhookVerificationError } from '../core/errors.js';
import { nestsDeeperThan } from '../core/json-depth.js';
import type {
  AnyKlerWebhookEvent,
  KlerWebhookPayload,
  UnknownWebhookEvent,
  UnknownWebhookPayload,
} from '../schemas/webhook-event.js';
import { isKnownWebhookEventType } from '../schemas/webhook-event-types.js';
import { fromUtf8 } from './encoding.js';

/**
 * How a JSON body becomes an event: `fast`, a synchronous parser for the bodies of known events
 * (the payload, or a symbol to hand the body on), then `check`, zod's verdict with the issues.
 * `@kler/sdk/webhooks` uses zod's compiled fast path (generated ahead of time) and loads `check`
 * lazily (`entryBodyParser`); the client, whose bundle has zod loaded anyway, uses `check` alone.
 */
export interface EventBodyParser {
  fast?: ((json: unknown) => unknown) | undefined;
  check: (json: unknown, event: unknown, known: boolean) => ParsedBody | Promise<ParsedBody>;
}

/** The delivery fields verification adds to the body. */
export interface WebhookDelivery {
  /** The delivery id; the same across Kler's retries of one message. */
  webhook_id: string;
  /** When the delivery was signed, in unix seconds. */
  timestamp: number;
}

/** A body as parsed, before verification adds the delivery fields. */
export type ParsedBody = KlerWebhookPayload | UnknownWebhookPayload;

/**
 * Parses a body whose signature was already checked (or which the caller chose not to check).
 * Synchronous when `parser.fast` accepts the body; otherwise `parser.check` decides.
 * @throws {KlerWebhookVerificationError} `invalid_payload` when it is not a JSON event (thrown
 * synchronously for bad UTF-8 or JSON; for a bad shape, as `check` throws it).
 */
export function parseEventBody(body: string | Uint8Array, parser: EventBodyParser): ParsedBody | Promise<ParsedBody> {
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
  const known = isKnownWebhookEventType(event);
  if (known && parser.fast) {
    const parsed = parser.fast(json);
    if (typeof parsed !== 'symbol') return parsed as KlerWebhookPayload;
  }
  return parser.check(json, event, known);
}

/** Adds the delivery fields to a parsed body. They win over same-named body fields. */
export function withDelivery(payload: KlerWebhookPayload | UnknownWebhookPayload, delivery: WebhookDelivery): AnyKlerWebhookEvent {
  return Object.assign(payload, delivery) as AnyKlerWebhookEvent;
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
