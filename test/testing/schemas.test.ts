import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  OperatorSchema,
  ReconciliationSchema,
  SessionSchema,
  SettlementSchema,
  TransactionSchema,
} from '../../src/schemas/index.js';
import { TransactionReceivedPayloadSchema } from '../../src/schemas/index.js';
import { envelope } from '../../src/schemas/common.js';

const EnvelopeSchema = envelope(z.unknown());
import { openDoor, raw, sessionParams } from './doors.js';

describe("the fake's answers pass the SDK's own schemas", () => {
  it('for every endpoint, inside the { success: true, data } envelope', async () => {
    const d = await openDoor('http');
    const created = await raw(d, 'POST', '/sessions', { body: sessionParams(2) });
    const sessionId = (created.json as { data: { session_id: string } }).data.session_id;
    const operator = await raw(d, 'POST', `/sessions/${sessionId}/operators`, { body: { name: 'Amina' } });
    const operatorId = (operator.json as { data: { id: string } }).data.id;
    const { transaction } = await d.mock.simulatePayment(sessionId, { amount: '5000.00', channel: 'pos', operator_id: operatorId });
    await d.mock.simulatePayment(sessionId, { amount: '1200.00', channel: 'bank_transfer' });
    d.mock.settle(sessionId);

    const checks: [string, { status: number; json: unknown }, z.ZodMiniType][] = [
      ['create', created, SessionSchema],
      ['retrieve', await raw(d, 'GET', `/sessions/${sessionId}`), SessionSchema],
      ['operator', operator, OperatorSchema],
      ['operators', await raw(d, 'GET', `/sessions/${sessionId}/operators`), z.array(OperatorSchema)],
      ['operator transactions', await raw(d, 'GET', `/sessions/${sessionId}/operators/${operatorId}/transactions`), z.array(TransactionSchema)],
      ['list', await raw(d, 'GET', `/transactions?session_id=${sessionId}`), z.array(TransactionSchema)],
      ['transaction', await raw(d, 'GET', `/transactions/${transaction.id}`), TransactionSchema],
      ['reconciliation', await raw(d, 'GET', `/reconciliation/${sessionId}`), ReconciliationSchema],
      ['settlement', await raw(d, 'GET', `/settlement/${sessionId}`), SettlementSchema],
      ['close', await raw(d, 'PATCH', `/sessions/${sessionId}/close`), SessionSchema],
    ];
    for (const [name, response, schema] of checks) {
      expect([name, response.status]).toEqual([name, name === 'operator' ? 201 : 200]);
      const envelope = EnvelopeSchema.parse(response.json);
      const result = schema.safeParse(envelope.data);
      expect([name, result.success ? 'valid' : result.error.issues]).toEqual([name, 'valid']);
    }
  });

  it('for the webhook body, which has session_id on top and no created_at in data', async () => {
    let body: unknown;
    const { createServer } = await import('node:http');
    const receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        body = JSON.parse(text);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as { port: number }).port;
    try {
      const d = await openDoor('msw');
      const session = await d.client().sessions.create(sessionParams(1, { webhook_url: `http://127.0.0.1:${port}/hooks` }));
      await d.mock.simulatePayment(session.session_id, { amount: '5000.00', channel: 'bank_transfer' });
      expect(TransactionReceivedPayloadSchema.safeParse(body).success).toBe(true);
      expect(body).toMatchObject({ event: 'transaction.received', session_id: session.session_id });
      const data = (body as { data: Record<string, unknown> }).data;
      expect(Object.keys(data).sort()).toEqual(
        ['amount', 'channel', 'currency', 'id', 'narration', 'paid_at', 'providus_ref', 'sender_account', 'sender_bank', 'sender_name', 'status'],
      );
    } finally {
      receiver.closeAllConnections();
      receiver.close();
    }
  });
});
