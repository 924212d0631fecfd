import * as z from 'zod/mini';
import { IdSchema } from './common.js';
import { WebhookTransactionSchema } from './transaction.js';

/** The event types this version of the SDK knows; any other parses as an unknown event. */
export const KNOWN_WEBHOOK_EVENTS = ['transaction.received'] as const;
export type KnownWebhookEventType = (typeof KNOWN_WEBHOOK_EVENTS)[number];

const isKnown = (event: string): boolean => (KNOWN_WEBHOOK_EVENTS as readonly string[]).includes(event);

/** The body of a `transaction.received` delivery, exactly as Kler sends it. */
export const TransactionReceivedPayloadSchema = z.looseObject({
  event: z.literal('transaction.received'),
  session_id: IdSchema,
  data: WebhookTransactionSchema,
});
export type TransactionReceivedPayload = z.infer<typeof TransactionReceivedPayloadSchema>;

/**
 * The body of a delivery whose event type this SDK does not know yet (`session.closed`,
 * `terminal.offline`, …). Only `event` is checked; `data` and any other field stay as sent, so
 * a new event type never breaks a receiver.
 */
export const UnknownWebhookPayloadSchema = z.looseObject({
  event: z.string().check(
    z.minLength(1, { error: 'expected a non-empty event type' }),
    // A known event with a malformed body must fail, not slip through as "unknown".
    z.refine((event) => !isKnown(event), { error: 'a known event type must match its own schema' }),
  ),
  data: z.optional(z.unknown()),
});
export type UnknownWebhookPayload = z.infer<typeof UnknownWebhookPayloadSchema>;

/** Any webhook body, as sent: a union discriminated on `event`. */
export const KlerWebhookPayloadSchema = z.union([TransactionReceivedPayloadSchema, UnknownWebhookPayloadSchema]);
export type KlerWebhookPayload = TransactionReceivedPayload | UnknownWebhookPayload;

/**
 * What verification adds to the body: the delivery's id and time, for dedupe and logs. Kler's
 * body carries neither, so they come from the signed headers.
 */
const deliveryShape = {
  /** The delivery id (`webhook-id`); the same across retries of one message. */
  webhook_id: IdSchema,
  /** When the delivery was signed, in unix seconds (`webhook-timestamp`). */
  timestamp: z.number().check(z.int()),
};

/** A verified `transaction.received` event, as stored by an app (body plus delivery fields). */
export const TransactionReceivedEventSchema = z.extend(TransactionReceivedPayloadSchema, deliveryShape);
/** A verified event of a type this SDK does not know yet. */
export const UnknownWebhookEventSchema = z.extend(UnknownWebhookPayloadSchema, deliveryShape);
/** Any verified event: a union discriminated on `event`. */
export const KlerWebhookEventSchema = z.union([TransactionReceivedEventSchema, UnknownWebhookEventSchema]);

/** A verified `transaction.received` event: `data` is the transaction just recorded. */
export type TransactionReceivedEvent = z.infer<typeof TransactionReceivedEventSchema>;
/** A verified event of a type this SDK does not know yet; `data` is as sent. */
export type UnknownWebhookEvent = z.infer<typeof UnknownWebhookEventSchema>;
/**
 * A verified webhook event. Narrow with `isTransactionReceivedEvent(event)`: TypeScript cannot
 * narrow `event.event === 'transaction.received'` past the open `UnknownWebhookEvent`, whose
 * `event` is any string.
 */
export type KlerWebhookEvent = TransactionReceivedEvent | UnknownWebhookEvent;
