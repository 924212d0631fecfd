/**
 * `src/webhooks/payload-parser.generated.ts` is zod's compiled fast path for the known webhook
 * events, written out by `npm run generate`. It must be what zod's compiler makes of today's
 * schema, so a schema change cannot leave a stale fast path deciding what passes.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KlerWebhookPayloadSchema } from '../../src/schemas/index.js';
import { entryBodyParser } from '../../src/webhooks/event-check-loader.js';
import { parseEventBody } from '../../src/webhooks/events.js';
import { parseKnownPayload } from '../../src/webhooks/payload-parser.generated.js';
import { webhookTransactionReceived } from '../fixtures/documented.js';
import { ROOT } from './bundle.js';

describe('the generated webhook parser', () => {
  it("is current: regenerating it from today's schema changes nothing", () => {
    const out = execFileSync(process.execPath, ['scripts/compile-webhook-parser.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('is current');
  });

  it('gives the verdict and value of the schema the webhook entry parses with', () => {
    const schema = KlerWebhookPayloadSchema.safeParse(webhookTransactionReceived);
    expect(schema.success).toBe(true);
    expect(parseKnownPayload(structuredClone(webhookTransactionReceived))).toEqual(schema.data);
    // Accepted on the fast path: synchronously, without loading the schemas.
    expect(parseEventBody(JSON.stringify(webhookTransactionReceived), entryBodyParser)).toEqual(webhookTransactionReceived);
  });

  it('hands every body it cannot accept to the interpreter, which names the field', async () => {
    const bad = { ...webhookTransactionReceived, data: { ...webhookTransactionReceived.data, amount: '5,000.00' } };
    expect(typeof parseKnownPayload(bad)).toBe('symbol'); // zod's INVALID: "ask the interpreter"
    const parsed = parseEventBody(JSON.stringify(bad), entryBodyParser);
    expect(parsed).toBeInstanceOf(Promise);
    const error = await Promise.resolve(parsed).catch((e: { issues: { code: string; path: PropertyKey[] }[] }) => e);
    expect(error).toMatchObject({ reason: 'invalid_payload' });
    const issues = (error as { issues: { code: string; path: PropertyKey[] }[] }).issues;
    expect(issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([['invalid_format', 'data.amount']]);
  });
});
