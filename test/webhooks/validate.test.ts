/**
 * The webhook entry checks event bodies with the SDK's own models (no zod in its bundle), and
 * `@kler/sdk/schemas` publishes zod schemas built from the same models. They must agree on
 * everything: which bodies pass, what comes out, and which fields are named when a body fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The zod schemas as `@kler/sdk/schemas` publishes them to users.
import {
  KlerWebhookPayloadSchema,
  TimestampSchema,
  TransactionReceivedPayloadSchema,
  WebhookTransactionSchema,
} from '../../src/schemas/index.js';
import { KNOWN_WEBHOOK_EVENTS } from '../../src/schemas/webhook-event.js';
import { parseWebhookEventUnverified } from '../../src/webhooks/events.js';
import { validate } from '../../src/core/model.js';
import { isIsoTimestamp } from '../../src/core/patterns.js';
import { KlerWebhookPayloadModel } from '../../src/schemas/webhook-event.js';

/** The model's verdict as `path: message` lines, none when the body is valid. */
const eventIssues = (json: unknown): string[] => {
  const result = validate(KlerWebhookPayloadModel, json);
  return result.ok ? [] : result.issues.map(({ path, message }) => `${path}: ${message}`);
};
const isTimestamp = (value: unknown): boolean => typeof value === 'string' && isIsoTimestamp(value);
import { webhookTransactionReceived } from '../fixtures/documented.js';

type Json = Record<string, unknown>;

/** The keys of a loose zod object (typed as a plain `ZodMiniType` where it is generated). */
const shapeKeys = (schema: unknown): string[] => Object.keys((schema as { def: { shape: object } }).def.shape);

/** The body as it reaches the validator: through JSON, as Kler sends it. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

/**
 * Runs the hand validator (through the public parser) and the zod union on the same body and
 * requires the same verdict and, on success, the same value; on a failing `transaction.received`
 * body, the same failing fields.
 */
function expectAgreement(value: unknown): void {
  const body = throughJson(value);
  const zod = KlerWebhookPayloadSchema.safeParse(structuredClone(body));
  const issues = eventIssues(structuredClone(body));
  expect(issues.length === 0, JSON.stringify(body)).toBe(zod.success);
  if (zod.success) {
    expect(parseWebhookEventUnverified(JSON.stringify(body))).toStrictEqual(zod.data);
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

describe('the event model', () => {
  it('checks every field of the schemas (a new schema field must be added to it)', () => {
    // A new known event type needs its own model in src/schemas/webhook-event.ts.
    expect(KNOWN_WEBHOOK_EVENTS).toEqual(['transaction.received']);
    expect(shapeKeys(TransactionReceivedPayloadSchema).sort()).toEqual(['data', 'event', 'session_id']);
    // No field of the transaction accepts a number, so each must be named when it is one.
    for (const field of SCHEMA_FIELDS) {
      const body = { ...webhookTransactionReceived, data: { ...webhookTransactionReceived.data, [field]: 42 } };
      expect(eventIssues(body).map((line) => line.split(':')[0])).toEqual([`data.${field}`]);
      expectAgreement(body);
    }
  });

  it('takes the documented payload, and returns it as sent', () => {
    expect(eventIssues(structuredClone(webhookTransactionReceived))).toEqual([]);
    expectAgreement(webhookTransactionReceived);
  });

  it('agrees with the zod schemas on mutated transaction.received bodies', () => {
    fc.assert(fc.property(mutatedEvent, expectAgreement), { numRuns: 4000 });
  });

  it('agrees with the zod schemas on random bodies of any event type', () => {
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
    fc.assert(fc.property(body, expectAgreement), { numRuns: 3000 });
  });

  it('agrees with TimestampSchema on date-time strings near every rule', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const stamp = fc
      .record({
        year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2100, 2400)),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.oneof(fc.integer({ min: 0, max: 61 }), fc.constant(-1)),
        fraction: fc.constantFrom('', '.0', '.000', '.123456789', '.', ',5'),
        zone: fc.constantFrom('Z', 'z', '', '+01:00', '-23:59', '+24:00', '+01:60', '+0100', '+01', ' Z'),
        separator: fc.constantFrom('T', 't', ' '),
      })
      .map(
        (t) =>
          `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}${t.separator}${pad(t.hour, 2)}:${pad(t.minute, 2)}` +
          `${t.second < 0 ? '' : `:${pad(t.second, 2)}${t.fraction}`}${t.zone}`,
      );
    fc.assert(
      fc.property(fc.oneof(stamp, fc.string()), (value) => {
        expect(isTimestamp(value), value).toBe(TimestampSchema.safeParse(value).success);
      }),
      { numRuns: 5000 },
    );
  });

  it('names each failing field, with what it expects', () => {
    const issues = eventIssues({
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
