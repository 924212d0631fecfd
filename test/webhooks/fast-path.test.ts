/**
 * The hand-written shortcut past zod may make parsing faster, never more lenient: it accepts
 * nothing the schema rejects, returns what the schema would, and knows every schema field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebhookTransactionSchema } from '../../src/schemas/transaction.js';
import { TransactionReceivedPayloadSchema } from '../../src/schemas/webhook-event.js';
import { FAST_PATH_FIELDS, fastTransactionReceived } from '../../src/webhooks/fast-path.js';
import { webhookTransactionReceived } from '../fixtures/documented.js';

describe('the transaction.received fast path', () => {
  it('knows every field of the schema (a new field must be added to it)', () => {
    expect([...FAST_PATH_FIELDS].sort()).toEqual(Object.keys(WebhookTransactionSchema.shape).sort());
    expect(Object.keys(TransactionReceivedPayloadSchema.shape).sort()).toEqual(['data', 'event', 'session_id']);
  });

  it('takes the documented payload (so it is actually used)', () => {
    expect(fastTransactionReceived(structuredClone(webhookTransactionReceived))).toBeDefined();
  });

  // Values chosen to sit on both sides of every rule: empty strings, nulls, numbers, bad dates…
  const edgy = fc.constantFrom<unknown>(
    undefined, null, '', ' ', 'x', 0, 5000, true, [], {}, '5000', '5000.00', '5000.5', '-1.00', '5000.001', '1e3',
    '+5', '2025-08-01T18:32:00.000Z', '2025-08-01T18:32:00+01:00', '2025-02-30T00:00:00Z', '2025-08-01', 'NGN',
  );
  const mutation = fc.record(
    {
      top: fc.constantFrom('event', 'session_id', 'data', 'extra'),
      field: fc.constantFrom(...FAST_PATH_FIELDS, 'unknown_field'),
      value: edgy,
      delete: fc.boolean(),
    },
    { requiredKeys: ['field', 'value'] },
  );

  it('accepts nothing the schema rejects, and returns what the schema returns', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 4 }), (mutations) => {
        const event = structuredClone(webhookTransactionReceived) as Record<string, unknown> & { data: Record<string, unknown> };
        for (const m of mutations) {
          const target: Record<string, unknown> = m.top === undefined ? event.data : event;
          const key = m.top === undefined ? m.field : m.top;
          if (m.delete) delete target[key];
          else target[key] = m.value;
          if (typeof event.data !== 'object' || event.data === null) break;
        }
        const fast = fastTransactionReceived(structuredClone(event));
        const schema = TransactionReceivedPayloadSchema.safeParse(structuredClone(event));
        if (fast !== undefined) {
          expect(schema.success).toBe(true);
          expect(fast).toEqual(schema.data);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
