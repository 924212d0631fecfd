/**
 * The unit-of-work key of a verified event: what a `WebhookStore` claims, so that the work of
 * one transaction in one status runs once however many deliveries carry it.
 */
import type { AnyKlerWebhookEvent } from '../schemas/webhook-event.js';

/**
 * The key one unit of webhook work is claimed under: `transaction:<id>:<status>` for a
 * `transaction.received` event, so redeliveries of one transaction share it while a later
 * status of the same transaction (`pending`, then `successful`) is new work; the delivery id
 * (`webhook:<webhook-id>`) for any other event.
 * @example
 * webhookWorkKey(event) // "transaction:txn_01:successful"
 */
export function webhookWorkKey(event: AnyKlerWebhookEvent): string {
  if (event.event === 'transaction.received') {
    const { id, status } = (event.data ?? {}) as { id?: unknown; status?: unknown };
    if (typeof id === 'string' && id !== '' && typeof status === 'string' && status !== '') return `transaction:${id}:${status}`;
  }
  return `webhook:${event.webhook_id}`;
}
