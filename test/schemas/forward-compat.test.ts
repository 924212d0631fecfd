import { describe, expect, it } from 'vitest';
import {
  OperatorSchema,
  ReconciliationSchema,
  SessionSchema,
  SettlementSchema,
  TransactionSchema,
  WebhookTransactionSchema,
} from '../../src/schemas/index.js';
import { KlerResponseValidationError } from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { json, makeClient, okJson, respondWith } from '../helpers.js';

describe('every documented example parses', () => {
  it.each([
    ['session (API reference)', SessionSchema, docs.sessionApiReference],
    ['session (quickstart)', SessionSchema, docs.sessionQuickstart],
    ['session (close answer)', SessionSchema, docs.sessionClosed],
    ['transaction', TransactionSchema, docs.transaction],
    ['webhook transaction data', WebhookTransactionSchema, docs.webhookTransactionReceived.data],
    ['reconciliation', ReconciliationSchema, docs.reconciliation],
    ['settlement', SettlementSchema, docs.settlement],
    ['operator', OperatorSchema, docs.operator],
  ])('%s', (_, schema, example) => {
    const result = schema.safeParse(example);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(example);
  });
});

describe('what Kler adds tomorrow does not break today', () => {
  it('unknown fields, a new status, terminal status and channel parse and stay reachable', async () => {
    respondWith(
      okJson({
        ...docs.sessionApiReference,
        status: 'paused',
        pos_terminals: [{ terminal_id: 'pos_3f1e2d_001', label: 'T1', status: 'offline', battery: 80 }],
        settlement_schedule: 'T+1',
      }),
    );
    const session = await makeClient().sessions.retrieve('s');
    expect(session.status).toBe('paused');
    expect(session.pos_terminals?.[0]?.status).toBe('offline');
    expect((session as Record<string, unknown>)['settlement_schedule']).toBe('T+1');
    expect((session.pos_terminals?.[0] as Record<string, unknown>)['battery']).toBe(80);
  });

  it('a new channel key in reconciliation parses', async () => {
    respondWith(
      okJson({ ...docs.reconciliation, by_channel: { ...docs.reconciliation.by_channel, crypto: { count: 1, total: '10.00' } } }),
    );
    const rec = await makeClient().reconciliation.retrieve('s');
    expect(rec.by_channel['crypto']).toEqual({ count: 1, total: '10.00' });
  });

  it('POS transactions without sender fields, or with nulls, parse', () => {
    const pos = { ...docs.transaction, channel: 'pos', sender_name: null, sender_account: null, providus_ref: null };
    delete (pos as Partial<typeof pos>).sender_bank;
    expect(TransactionSchema.safeParse(pos).success).toBe(true);
  });
});

describe('what must hold stays strict', () => {
  it.each([
    ['an amount that is a number', { ...docs.reconciliation, total_inflow: 245000 }, 'total_inflow'],
    ['an amount with a thousands separator', { ...docs.reconciliation, total_inflow: '245,000.00' }, 'total_inflow'],
    ['a negative count', { ...docs.reconciliation, failed_count: -1 }, 'failed_count'],
    ['a fractional count', { ...docs.reconciliation, pending_count: 1.5 }, 'pending_count'],
    ['a timestamp that is not ISO', { ...docs.reconciliation, reconciled_at: 'yesterday' }, 'reconciled_at'],
    ['a missing id', { ...docs.reconciliation, session_id: undefined }, 'session_id'],
    ['a breakdown total that is not an amount', { ...docs.reconciliation, by_channel: { pos: { count: 1, total: 'NaN' } } }, 'by_channel.pos.total'],
  ])('%s is a KlerResponseValidationError naming the field', async (_, data, field) => {
    respondWith(json({ success: true, data }));
    const error = await makeClient().reconciliation.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerResponseValidationError);
    expect((error as KlerResponseValidationError).issues.map((i) => i.path.join('.'))).toContain(field);
  });
});
