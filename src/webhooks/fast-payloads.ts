import { withParser } from 'zod/v4/core';
import { KlerWebhookPayloadSchema, type KlerWebhookPayload } from '../schemas/webhook-event.js';
import { parseKnownPayload } from './payload-parser.generated.js';

let fast: typeof KlerWebhookPayloadSchema | undefined;

/**
 * The known events' schema with zod's compiled fast path installed (several times faster per
 * delivery than the interpreter). The fast path was generated from this very schema by zod's
 * compiler at development time (scripts/compile-webhook-parser.mjs), so no runtime needs
 * `new Function`; a body it rejects goes through zod's interpreter, which gives the verdict and
 * the issues. `@kler/sdk/webhooks` parses with it; the client's `kler.webhooks.verify` keeps the
 * interpreter, so the root bundle does not carry the generated code. Installed on first use, so
 * importing costs nothing.
 */
export function fastKnownPayloads(): typeof KlerWebhookPayloadSchema {
  return (fast ??= withParser(KlerWebhookPayloadSchema, parseKnownPayload as (input: unknown) => KlerWebhookPayload));
}
