/**
 * The webhook event schemas: each known event's body as Kler sends it, the verified event (the
 * body plus the delivery's id and time), and the catch-all for event types this SDK does not
 * know yet. `@kler/sdk/webhooks` validates deliveries with them.
 */
import { extend, int, literal, looseObject, minLength, optional, refine, string, union, unknown } from 'zod/mini';
import { expecting, IdSchema } from './common.js';
import type { Infer } from './infer.js';
import { WebhookTransactionSchema } from './transaction.js';
import { isKnownWebhookEventType } from './webhook-event-types.js';

export { KNOWN_WEBHOOK_EVENTS, isKnownWebhookEventType, type KnownWebhookEventType } from './webhook-event-types.js';

/** The body of a `transaction.received` delivery, exactly as Kler sends it. */
export const TransactionReceivedPayloadSchema = /* @__PURE__ */ looseObject(
  {
    /** The event type. */
    event: literal('transaction.received', expecting('expected "transaction.received"')),
    /** The session the payment belongs to. */
    session_id: IdSchema,
    /** The transaction just recorded. */
    data: WebhookTransactionSchema,
  },
  expecting('expected a webhook event object'),
);
/**
 * The body of a `transaction.received` delivery, exactly as Kler sends it.
 * @interface
 */
export type TransactionReceivedPayload = Infer<typeof TransactionReceivedPayloadSchema>;

/**
 * The body of any event type this SDK knows. With one known type it is that type's schema; the
 * next known type turns it into `discriminatedUnion('event', [...])`, which picks the variant by
 * `event`, so a known event with a malformed body still reports its exact field (`data.amount`)
 * rather than every variant's complaints. (A one-member union would cost every bundle ~1 kB of
 * zod for nothing.)
 */
export const KlerWebhookPayloadSchema = TransactionReceivedPayloadSchema;
/** The body of any event type this SDK knows, as sent. */
export type KlerWebhookPayload = TransactionReceivedPayload;

/**
 * The body of a delivery whose event type this SDK does not know yet (`session.closed`,
 * `terminal.offline`, …). Only `event` is checked; `data` and any other field stay as sent, so
 * a new event type never breaks a receiver.
 */
export const UnknownWebhookPayloadSchema = /* @__PURE__ */ looseObject(
  {
    /** The event type, e.g. `session.closed`. */
    event: string(expecting('expected the event type as a non-empty string')).check(
      minLength(1, { error: 'expected a non-empty event type' }),
      // A known event with a malformed body must fail, not slip through as "unknown". Aborts,
      // so a union reports the known variant's own issues.
      refine((event) => !isKnownWebhookEventType(event), { error: 'a known event type must match its own schema', abort: true }),
    ),
    /** The session the event is about, when it is about one (as sent, not checked). */
    session_id: optional(unknown()),
    /** The event's payload, as sent. */
    data: optional(unknown()),
  },
  expecting('expected an object with a non-empty string `event`'),
);
/**
 * The body of a delivery whose event type this SDK does not know yet.
 * @interface
 */
export type UnknownWebhookPayload = Infer<typeof UnknownWebhookPayloadSchema>;

// Built in a pure call: as a plain top-level object literal, bundlers keep it (and its zod
// schema) even in bundles that never extend a payload with it, such as `@kler/sdk`'s.
/**
 * What verification adds to the body: the delivery's id and time, for dedupe and logs. Kler's
 * body carries neither, so they come from the signed headers.
 */
const deliveryShape = /* @__PURE__ */ (() => ({
  /** The delivery id (`webhook-id`); the same across retries of one message. */
  webhook_id: IdSchema,
  /** When the delivery was signed, in unix seconds (`webhook-timestamp`). */
  timestamp: int(expecting('expected unix seconds')),
}))();

/** A verified `transaction.received` event, as stored by an app (body plus delivery fields). */
export const TransactionReceivedEventSchema = /* @__PURE__ */ extend(TransactionReceivedPayloadSchema, deliveryShape);
/**
 * A verified `transaction.received` event: `data` is the transaction just recorded.
 * @interface
 */
export type TransactionReceivedEvent = Infer<typeof TransactionReceivedEventSchema>;

/** A verified event of a type this SDK knows (see `KlerWebhookPayloadSchema` for its future form). */
export const KlerWebhookEventSchema = TransactionReceivedEventSchema;
/**
 * A verified webhook event of a type this SDK knows: a closed union discriminated on `event`,
 * so `if (event.event === 'transaction.received')` and `switch (event.event)` narrow it.
 *
 * An event type Kler adds later is still verified and returned at run time, exactly as sent:
 * keep a `default:` branch, and read such an event through `isUnknownWebhookEvent`.
 */
export type KlerWebhookEvent = TransactionReceivedEvent;

/** A verified event of a type this SDK does not know yet. */
export const UnknownWebhookEventSchema = /* @__PURE__ */ extend(UnknownWebhookPayloadSchema, deliveryShape);
/**
 * A verified event of a type this SDK does not know yet; `data` is as sent.
 * @interface
 */
export type UnknownWebhookEvent = Infer<typeof UnknownWebhookEventSchema>;

/** Any verified event: a known one, or one of a type this SDK does not know yet. */
export const AnyKlerWebhookEventSchema = /* @__PURE__ */ union([KlerWebhookEventSchema, UnknownWebhookEventSchema]);
/** Any verified event, known or not: what a stored copy of any delivery parses into. */
export type AnyKlerWebhookEvent = KlerWebhookEvent | UnknownWebhookEvent;
