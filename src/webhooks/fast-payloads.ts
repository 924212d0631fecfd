import { KlerWebhookPayloadSchema, type KlerWebhookPayload } from '../schemas/webhook-event.js';
import type { KnownPayloadsSchema } from './events.js';
import { parseKnownPayload } from './payload-parser.generated.js';

/**
 * The known events' schema with zod's compiled fast path in front (several times faster per
 * delivery than the interpreter). The fast path was generated from this very schema by zod's
 * compiler at development time (scripts/compile-webhook-parser.mjs), so no runtime needs
 * `new Function`. A body it rejects goes through zod's interpreter, which gives the verdict and
 * the issues: what zod's `withParser` does, minus its per-parse bookkeeping on this hot path.
 * `@kler/sdk/webhooks` parses with it; the client's `kler.webhooks.verify` keeps the
 * interpreter, so the root bundle does not carry the generated code.
 */
export const fastKnownPayloads: KnownPayloadsSchema = {
  safeParse(value) {
    const parsed = parseKnownPayload(value);
    return typeof parsed === 'symbol' ? KlerWebhookPayloadSchema.safeParse(value) : { success: true, data: parsed as KlerWebhookPayload };
  },
};
