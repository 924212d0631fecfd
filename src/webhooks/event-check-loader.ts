/**
 * The webhook event schemas, imported when a body first needs zod's interpreter rather than with
 * `@kler/sdk/webhooks`. A valid delivery of a known event never does: the fast path generated
 * from the same schemas (payload-parser.generated.ts) accepts it without zod. So a receiver's
 * cold start does not load zod (~50 ms of module loading on Node here); the first delivery that
 * is malformed or of an event type this SDK does not know loads it, once per process.
 */
import { KlerConfigurationError } from '../core/errors.js';
import type { EventBodyParser } from './events.js';
import { parseKnownPayload } from './payload-parser.generated.js';

type EventCheck = typeof import('./event-check.js');
let loading: Promise<EventCheck> | undefined;

/**
 * `event-check.ts` and through it the event schemas, imported once (every verifier shares it).
 * @throws {KlerConfigurationError} when zod cannot be loaded (a later call imports again; Node may
 * keep the failed resolution until the process restarts).
 */
export function loadEventCheck(): Promise<EventCheck> {
  return (loading ??= import('./event-check.js').catch((cause: unknown) => {
    loading = undefined;
    throw new KlerConfigurationError(
      `The SDK could not load its schema library (zod) to check a webhook body: ${String((cause as Error)?.message ?? cause)}. Reinstall the project's dependencies (npm install) and restart the process.`,
      { cause },
    );
  }));
}

/**
 * How `@kler/sdk/webhooks` parses bodies: zod's compiled fast path, then (for a body it does not
 * accept) zod's interpreter, loaded on first use.
 */
export const entryBodyParser: EventBodyParser = {
  fast: parseKnownPayload,
  check: (json, event, known) => loadEventCheck().then(({ checkEventBody }) => checkEventBody(json, event, known)),
};
