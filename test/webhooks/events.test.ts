import { describe, expect, expectTypeOf, it } from 'vitest';
import { KlerWebhookVerificationError } from '../../src/core/errors.js';
import { KlerWebhookEventSchema, KlerWebhookPayloadSchema } from '../../src/schemas/index.js';
import {
  isTransactionReceivedEvent,
  parseWebhookEventUnverified,
  signWebhook,
  verifyWebhook,
  type KlerWebhookEvent,
  type UnknownWebhookEvent,
  type WebhookTransaction,
} from '../../src/webhooks/index.js';
import { webhookTransactionReceived } from '../fixtures/documented.js';
import { T, WHSEC } from './vectors.js';

async function deliver(body: unknown) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = await signWebhook({ payload, secret: WHSEC, id: 'msg_1', timestamp: T });
  return verifyWebhook({ payload, headers, secret: WHSEC, now: T * 1000 });
}

async function rejection(body: unknown): Promise<KlerWebhookVerificationError> {
  const error = await deliver(body).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KlerWebhookVerificationError);
  return error as KlerWebhookVerificationError;
}

describe('the documented webhook payloads', () => {
  it('parse: the webhooks page example', async () => {
    const event = await deliver(webhookTransactionReceived);
    expect(isTransactionReceivedEvent(event)).toBe(true);
    expect(event).toEqual({ ...webhookTransactionReceived, webhook_id: 'msg_1', timestamp: T });
  });

  it("parse: the quickstart's copy without providus_ref", async () => {
    const { providus_ref: _omitted, ...data } = webhookTransactionReceived.data;
    const event = await deliver({ ...webhookTransactionReceived, data });
    expect(event.data).not.toHaveProperty('providus_ref');
  });

  it('parse: a POS payment with null sender fields and providus_ref', async () => {
    const data = {
      ...webhookTransactionReceived.data,
      channel: 'pos',
      sender_name: null,
      sender_account: null,
      sender_bank: null,
      providus_ref: null,
      terminal_id: 'pos_3f1e2d_001',
    };
    const event = await deliver({ ...webhookTransactionReceived, data });
    expect(event.data).toMatchObject({ channel: 'pos', sender_name: null, terminal_id: 'pos_3f1e2d_001' });
  });

  it('keep fields Kler adds later, at every level', async () => {
    const event = await deliver({
      ...webhookTransactionReceived,
      livemode: true,
      data: { ...webhookTransactionReceived.data, fee: '50.00', channel: 'crypto', status: 'reversed' },
    });
    expect(event).toMatchObject({ livemode: true, data: { fee: '50.00', channel: 'crypto', status: 'reversed' } });
  });

  it('are valid against the exported schemas', () => {
    expect(KlerWebhookPayloadSchema.safeParse(webhookTransactionReceived).success).toBe(true);
    expect(KlerWebhookEventSchema.safeParse({ ...webhookTransactionReceived, webhook_id: 'msg_1', timestamp: T }).success).toBe(true);
  });
});

describe('unknown event types', () => {
  it.each([
    ['session.closed', { session_id: 'sess_1', data: { closed_at: '2025-08-02T00:00:00.000Z' } }],
    ['terminal.offline', { data: { terminal_id: 'pos_3f1e2d_001' } }],
    ['payout.settled', { data: [1, 2, 3] }],
    ['anything.at.all', {}],
  ])('verify into the unknown variant: %s', async (type, rest) => {
    const event = await deliver({ event: type, ...rest });
    expect(event.event).toBe(type);
    expect(isTransactionReceivedEvent(event)).toBe(false);
    expect(event.data).toEqual((rest as { data?: unknown }).data);
    expect(event.webhook_id).toBe('msg_1');
  });
});

describe('a verified body that is not a Kler event fails as invalid_payload', () => {
  it.each([
    ['empty', '', /empty/],
    ['not JSON', 'ticket=1', /not JSON/],
    ['a JSON array', '[1,2]', /expected an object with a non-empty string `event`/],
    ['JSON null', 'null', /expected an object/],
    ['no event', '{"data":{}}', /event: required \(expected the event type as a non-empty string\)/],
    ['a numeric event', '{"event":42}', /event: expected the event type as a non-empty string/],
    ['a null event', '{"event":null,"data":{}}', /event: expected the event type as a non-empty string/],
  ])('%s', async (_name, body, message) => {
    const error = await rejection(body);
    expect(error.reason).toBe('invalid_payload');
    expect(error.message).toMatch(message);
  });

  it('a transaction.received event with a malformed transaction names the fields', async () => {
    const error = await rejection({
      ...webhookTransactionReceived,
      data: { ...webhookTransactionReceived.data, amount: 5000, id: '' },
    });
    expect(error.reason).toBe('invalid_payload');
    expect(error.message).toContain('"transaction.received" event');
    expect(error.message).toMatch(/data\.amount/);
    expect(error.message).toMatch(/data\.id/);
  });

  it('invalid UTF-8 bytes', async () => {
    const payload = new Uint8Array([0x7b, 0xff, 0x7d]);
    const headers = await signWebhook({ payload, secret: WHSEC, timestamp: T });
    const error = await verifyWebhook({ payload, headers, secret: WHSEC, now: T * 1000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'invalid_payload' });
  });
});

describe('parseWebhookEventUnverified', () => {
  it('parses without any headers or secret, and adds no delivery fields', async () => {
    const event = await parseWebhookEventUnverified(JSON.stringify(webhookTransactionReceived));
    expect(event).toEqual(webhookTransactionReceived);
    expect(event).not.toHaveProperty('webhook_id');
  });

  it('still refuses a parsed object', async () => {
    await expect(parseWebhookEventUnverified(webhookTransactionReceived as never)).rejects.toThrow(
      expect.objectContaining({ reason: 'payload_not_raw' }),
    );
  });
});

describe('types', () => {
  it('isTransactionReceivedEvent narrows to the transaction', () => {
    expectTypeOf<KlerWebhookEvent>().toHaveProperty('webhook_id').toEqualTypeOf<string>();
    expectTypeOf<KlerWebhookEvent>().toHaveProperty('timestamp').toEqualTypeOf<number>();
    const check = (event: KlerWebhookEvent) => {
      if (isTransactionReceivedEvent(event)) {
        expectTypeOf(event.data).toEqualTypeOf<WebhookTransaction>();
        expectTypeOf(event.data.amount).toEqualTypeOf<string>();
      } else {
        // The union of known events is closed: nothing is left here but an event type this SDK
        // does not know, which is read as one.
        expectTypeOf(event).toBeNever();
        expectTypeOf((event as UnknownWebhookEvent).data).toEqualTypeOf<unknown>();
      }
    };
    expect(check).toBeTypeOf('function');
  });
});
