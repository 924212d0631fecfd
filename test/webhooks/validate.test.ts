/**
 * The webhook entry parses deliveries with a compiled copy of the known events' schema (zod's
 * `compile`, generated code) and falls back to zod's interpreter elsewhere. The compiled path
 * must agree with the exported, interpreted schemas on everything: which bodies pass, what comes
 * out, and which fields are named when a body fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
// The zod schemas as `@kler/sdk/schemas` publishes them to users (never compiled).
import {
  KlerWebhookPayloadSchema,
  TransactionReceivedPayloadSchema,
  UnknownWebhookPayloadSchema,
  WebhookTransactionSchema,
} from '../../src/schemas/index.js';
import { KNOWN_WEBHOOK_EVENTS } from '../../src/schemas/webhook-event.js';
import { parseWebhookEventUnverified } from '../../src/webhooks/unverified.js';
import { KlerWebhookVerificationError } from '../../src/core/errors.js';

/** The webhook entry's verdict as `path: message` lines, none when the body is valid. */
const eventIssues = async (json: unknown): Promise<string[]> => {
  try {
    await parseWebhookEventUnverified(JSON.stringify(json));
    return [];
  } catch (error) {
    if (!(error instanceof KlerWebhookVerificationError)) throw error;
    return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  }
};
/** Any body, known event or not, as a user would validate a stored copy. */
const AnyPayloadSchema = z.union([KlerWebhookPayloadSchema, UnknownWebhookPayloadSchema]);
import { webhookTransactionReceived } from '../fixtures/documented.js';

type Json = Record<string, unknown>;

/** The keys a loose zod object declares. */
const shapeKeys = (schema: { shape: object }): string[] => Object.keys(schema.shape);

/** The body as it reaches the validator: through JSON, as Kler sends it. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

/**
 * Runs the webhook entry's parser and the exported (interpreted) zod schemas on the same body and
 * requires the same verdict and, on success, the same value; on a failing `transaction.received`
 * body, the same failing fields.
 */
async function expectAgreement(value: unknown): Promise<void> {
  const body = throughJson(value);
  const zod = AnyPayloadSchema.safeParse(structuredClone(body));
  const issues = await eventIssues(structuredClone(body));
  expect(issues.length === 0, JSON.stringify(body)).toBe(zod.success);
  if (zod.success) {
    expect(await parseWebhookEventUnverified(JSON.stringify(body))).toStrictEqual(zod.data);
  } else if ((body as Json | null)?.event === 'transaction.received' && typeof body === 'object' && !Array.isArray(body)) {
    const schema = TransactionReceivedPayloadSchema.safeParse(structuredClone(body));
    const zodPaths = new Set(schema.error!.issues.map((issue) => issue.path.join('.')));
    expect(new Set(issues.map((line) => line.slice(0, line.indexOf(':'))))).toEqual(zodPaths);
  }
}

// Values chosen to sit on both sides of every rule: empty strings, nulls, numbers, bad dates…
const edgy = fc.constantFrom<unknown>(
  undefined, null, '', ' ', 'x', 0, 5000, true, [], {}, [1], { id: 'x' }, '5000', '5000.00', '5000.5', '-1.00',
  '5000.001', '1e3', '+5', '.5', '5.', '2025-08-01T18:32:00.000Z', '2025-08-01T18:32:00+01:00', '2025-08-01T18:32Z',
  '2025-02-30T00:00:00Z', '2024-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2025-08-01', 'NGN', 'transaction.received',
);
const SCHEMA_FIELDS = shapeKeys(WebhookTransactionSchema);
const transactionField = fc.constantFrom(...SCHEMA_FIELDS, 'unknown_field', '__proto__');
const mutation = fc.record(
  {
    top: fc.constantFrom('event', 'session_id', 'data', 'extra', '__proto__'),
    field: transactionField,
    value: fc.oneof(edgy, fc.jsonValue({ maxDepth: 2 })),
    delete: fc.boolean(),
  },
  { requiredKeys: ['field', 'value'] },
);

/** The documented event with a few fields changed, deleted or added, at either level. */
const mutatedEvent = fc.array(mutation, { maxLength: 5 }).map((mutations) => {
  const event = structuredClone(webhookTransactionReceived) as Json & { data: unknown };
  for (const m of mutations) {
    const target = m.top === undefined ? event.data : event;
    if (typeof target !== 'object' || target === null) continue;
    const key = m.top ?? m.field;
    if (m.delete) delete (target as Json)[key];
    // A copy: `edgy` hands out the same `{ id: 'x' }` object on every run, and a later mutation
    // writing into it would make it cyclic for the runs after (a flaky JSON.stringify failure).
    else Object.defineProperty(target, key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
  }
  return event;
});

describe('the compiled event parser', () => {
  it('checks every field of the schemas (a new schema field must be added to it)', async () => {
    // A new known event type needs its own schema in src/schemas/webhook-event.ts.
    expect(KNOWN_WEBHOOK_EVENTS).toEqual(['transaction.received']);
    expect(shapeKeys(TransactionReceivedPayloadSchema).sort()).toEqual(['data', 'event', 'session_id']);
    // No field of the transaction accepts a number, so each must be named when it is one.
    for (const field of SCHEMA_FIELDS) {
      const body = { ...webhookTransactionReceived, data: { ...webhookTransactionReceived.data, [field]: 42 } };
      expect((await eventIssues(body)).map((line) => line.split(':')[0])).toEqual([`data.${field}`]);
      await expectAgreement(body);
    }
  });

  it('takes the documented payload, and returns it as sent', async () => {
    expect(await eventIssues(structuredClone(webhookTransactionReceived))).toEqual([]);
    await expectAgreement(webhookTransactionReceived);
  });

  it('agrees with the interpreted zod schemas on mutated transaction.received bodies', async () => {
    await fc.assert(fc.asyncProperty(mutatedEvent, expectAgreement), { numRuns: 4000 });
  });

  it('agrees with the interpreted zod schemas on random bodies of any event type', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          event: fc.oneof(fc.constantFrom('transaction.received', 'session.closed', '', 'TRANSACTION.RECEIVED'), fc.jsonValue()),
          session_id: fc.oneof(fc.string(), fc.jsonValue()),
          data: fc.oneof(fc.jsonValue(), mutatedEvent.map((e) => e.data)),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string(), fc.jsonValue()).map((extra) => ({ ...extra, event: 'x.y' })),
    );
    await fc.assert(fc.asyncProperty(body, expectAgreement), { numRuns: 3000 });
  });

  it('names each failing field, with what it expects', async () => {
    const issues = await eventIssues({
      event: 'transaction.received',
      session_id: '',
      data: { ...webhookTransactionReceived.data, amount: 5000, id: '', paid_at: '2025-02-30T00:00:00Z' },
    });
    expect(issues).toEqual([
      'session_id: expected a non-empty id',
      'data.id: expected a non-empty id',
      'data.amount: expected a decimal amount string such as "5000.00"',
      'data.paid_at: expected an ISO 8601 timestamp such as "2025-08-01T18:32:00.000Z"',
    ]);
  });
});
