/**
 * `src/webhooks/payload-parser.generated.ts` is zod's compiled fast path for the known webhook
 * events, written out by `npm run generate`. It must be what zod's compiler makes of today's
 * schema, so a schema change cannot leave a stale fast path deciding what passes.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KlerWebhookPayloadSchema } from '../../src/schemas/index.js';
import { fastKnownPayloads } from '../../src/webhooks/fast-payloads.js';
import { parseKnownPayload } from '../../src/webhooks/payload-parser.generated.js';
import { webhookTransactionReceived } from '../fixtures/documented.js';
import { ROOT } from './bundle.js';

describe('the generated webhook parser', () => {
  it("is current: regenerating it from today's schema changes nothing", () => {
    const out = execFileSync(process.execPath, ['scripts/compile-webhook-parser.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('is current');
  });

  it('gives the verdict and value of the schema the webhook entry parses with', () => {
    const fast = fastKnownPayloads;
    expect(fast.safeParse(webhookTransactionReceived)).toEqual(KlerWebhookPayloadSchema.safeParse(webhookTransactionReceived));
    expect(parseKnownPayload(structuredClone(webhookTransactionReceived))).toEqual(webhookTransactionReceived);
  });

  it('hands every body it cannot accept to the interpreter, which names the field', () => {
    const bad = { ...webhookTransactionReceived, data: { ...webhookTransactionReceived.data, amount: '5,000.00' } };
    expect(typeof parseKnownPayload(bad)).toBe('symbol'); // zod's INVALID: "ask the runtime"
    const result = fastKnownPayloads.safeParse(bad);
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues;
    expect(issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([['invalid_format', 'data.amount']]);
  });
});
