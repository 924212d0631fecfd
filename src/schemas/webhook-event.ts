/**
 * The webhook event models. `@kler/sdk/webhooks` validates deliveries with them directly (no
 * zod in its bundle); `@kler/sdk/schemas` publishes the same rules as zod schemas.
 */
import { check, extend, object, optional, string, union, type Infer } from '../core/model.js';
import { IdModel } from './common.js';
import { WebhookTransactionModel } from './transaction.js';

/** The event types this version of the SDK knows; any other parses as an unknown event. */
export type KnownWebhookEventType = 'transaction.received';
export const KNOWN_WEBHOOK_EVENTS: readonly KnownWebhookEventType[] = ['transaction.received'];

const isKnown = (event: unknown): boolean => (KNOWN_WEBHOOK_EVENTS as readonly unknown[]).includes(event);

/** The body of a `transaction.received` delivery, exactly as Kler sends it. */
export const TransactionReceivedPayloadModel = object({
  /** The event type. */
  event: check<'transaction.received'>((value) => value === 'transaction.received', 'expected "transaction.received"'),
  /** The session the payment belongs to. */
  session_id: IdModel,
  /** The transaction just recorded. */
  data: WebhookTransactionModel,
});
/**
 * The body of a `transaction.received` delivery, exactly as Kler sends it.
 * @interface
 */
export type TransactionReceivedPayload = Infer<typeof TransactionReceivedPayloadModel>;

/**
 * The body of a delivery whose event type this SDK does not know yet (`session.closed`,
 * `terminal.offline`, …). Only `event` is checked; `data` and any other field stay as sent, so
 * a new event type never breaks a receiver.
 */
export const UnknownWebhookPayloadModel = object(
  {
    /** The event type, e.g. `session.closed`. */
    event: string(
      // A known event with a malformed body must fail, not slip through as "unknown".
      (event) => event !== '' && !isKnown(event),
      (event) =>
        typeof event !== 'string'
          ? 'expected a non-empty string'
          : event === ''
            ? 'expected a non-empty event type'
            : 'a known event type must match its own schema',
    ),
    /** The session the event is about, when it is about one (as sent, not checked). */
    session_id: optional(check<unknown>(() => true, '')),
    /** The event's payload, as sent. */
    data: optional(check<unknown>(() => true, '')),
  },
  { message: 'expected an object with a non-empty string `event`' },
);
/**
 * The body of a delivery whose event type this SDK does not know yet.
 * @interface
 */
export type UnknownWebhookPayload = Infer<typeof UnknownWebhookPayloadModel>;

const byEvent = (value: unknown) =>
  isKnown((value as { event?: unknown } | null)?.event) ? TransactionReceivedPayloadModel : UnknownWebhookPayloadModel;

/** Any webhook body, as sent: a union discriminated on `event`. */
export const KlerWebhookPayloadModel = union([TransactionReceivedPayloadModel, UnknownWebhookPayloadModel], byEvent);
/** Any webhook body, as sent. */
export type KlerWebhookPayload = TransactionReceivedPayload | UnknownWebhookPayload;

/*
 * The verified-event models below serve only `@kler/sdk/schemas`: the verifier adds the delivery
 * fields itself. Their calls are marked `@__PURE__` so bundlers drop them from the webhook and
 * client bundles; esbuild honours the builders' `@__NO_SIDE_EFFECTS__` only within one file
 * (evanw/esbuild#4369).
 */

/**
 * What verification adds to the body: the delivery's id and time, for dedupe and logs. Kler's
 * body carries neither, so they come from the signed headers.
 */
const deliveryShape = {
  /** The delivery id (`webhook-id`); the same across retries of one message. */
  webhook_id: IdModel,
  /** When the delivery was signed, in unix seconds (`webhook-timestamp`). */
  timestamp: /* @__PURE__ */ check<number>((value) => Number.isInteger(value), 'expected unix seconds'),
};

/** A verified `transaction.received` event, as stored by an app (body plus delivery fields). */
export const TransactionReceivedEventModel = /* @__PURE__ */ extend(TransactionReceivedPayloadModel, deliveryShape);
/** A verified event of a type this SDK does not know yet. */
export const UnknownWebhookEventModel = /* @__PURE__ */ extend(UnknownWebhookPayloadModel, deliveryShape);
/** Any verified event: a union discriminated on `event`. */
export const KlerWebhookEventModel = /* @__PURE__ */ union([TransactionReceivedEventModel, UnknownWebhookEventModel], (value) =>
  byEvent(value) === TransactionReceivedPayloadModel ? TransactionReceivedEventModel : UnknownWebhookEventModel,
);

/**
 * A verified `transaction.received` event: `data` is the transaction just recorded.
 * @interface
 */
export type TransactionReceivedEvent = Infer<typeof TransactionReceivedEventModel>;
/**
 * A verified event of a type this SDK does not know yet; `data` is as sent.
 * @interface
 */
export type UnknownWebhookEvent = Infer<typeof UnknownWebhookEventModel>;
/**
 * A verified webhook event. Narrow with `isTransactionReceivedEvent(event)`: TypeScript cannot
 * narrow `event.event === 'transaction.received'` past the open `UnknownWebhookEvent`, whose
 * `event` is any string.
 */
export type KlerWebhookEvent = TransactionReceivedEvent | UnknownWebhookEvent;
