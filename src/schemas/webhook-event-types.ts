/**
 * The webhook event types this SDK knows, apart from their schemas: `@kler/sdk/webhooks` reads
 * them at import and while routing a delivery, and must not load zod to do so (zod is loaded
 * only when a body needs its interpreter; see src/webhooks/events.ts).
 */

/** The event types this version of the SDK knows; any other parses as an unknown event. */
export type KnownWebhookEventType = 'transaction.received';
/** The event types this version of the SDK knows, as a list. */
export const KNOWN_WEBHOOK_EVENTS: readonly KnownWebhookEventType[] = ['transaction.received'];

/** Whether `event` names an event type this version of the SDK knows. */
export const isKnownWebhookEventType = (event: unknown): event is KnownWebhookEventType =>
  (KNOWN_WEBHOOK_EVENTS as readonly unknown[]).includes(event);
