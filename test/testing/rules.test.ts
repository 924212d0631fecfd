import { describe, expect, it } from 'vitest';
import {
  KlerAuthenticationError,
  KlerConflictError,
  KlerNotFoundError,
} from '../../src/index.js';
import { KlerMockError } from '../../src/testing/index.js';
import { openDoor, raw, sessionParams, type DoorName } from './doors.js';

describe.each<DoorName>(['msw', 'http'])('the fake Kler through the %s door', (door) => {
  describe('authentication', () => {
    it('answers 401 with a JSON error when x-api-key is missing', async () => {
      const d = await openDoor(door);
      const res = await raw(d, 'GET', '/sessions/anything', { apiKey: null });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ success: false, error: { code: 'unauthorized' } });
    });

    it('accepts any non-empty key by default', async () => {
      const d = await openDoor(door);
      const session = await d.client({ apiKey: 'whatever-key' }).sessions.create(sessionParams(1));
      expect(session.status).toBe('active');
    });

    it('accepts only the key named in createKlerMock({ apiKey })', async () => {
      const d = await openDoor(door, { apiKey: 'sk_right' });
      await expect(d.client({ apiKey: 'sk_wrong' }).sessions.create(sessionParams(1))).rejects.toBeInstanceOf(
        KlerAuthenticationError,
      );
      const session = await d.client({ apiKey: 'sk_right' }).sessions.create(sessionParams(1));
      expect(session.status).toBe('active');
    });
  });

  describe('sessions', () => {
    it('creates an active session with a Providus account and terminals named pos_<6 chars>_<NNN>', async () => {
      const d = await openDoor(door);
      const session = await d.client().sessions.create(sessionParams(3));
      const prefix = session.session_id.slice(0, 6);
      expect(session).toMatchObject({
        status: 'active',
        external_event_id: 'evt_lagos_2025',
        name: 'Lagos Music Festival 2025',
        currency: 'NGN',
        collection_account: {
          account_name: 'Kler / Lagos Music Festival 2025',
          bank_name: 'Providus Bank',
          bank_code: '101',
        },
      });
      expect(session.collection_account?.account_number).toMatch(/^\d{10}$/);
      expect(session.pos_terminals).toEqual([
        { terminal_id: `pos_${prefix}_001`, label: 'Terminal 1', status: 'assigned' },
        { terminal_id: `pos_${prefix}_002`, label: 'Terminal 2', status: 'assigned' },
        { terminal_id: `pos_${prefix}_003`, label: 'Terminal 3', status: 'assigned' },
      ]);
      expect(Date.parse(session.created_at ?? '')).not.toBeNaN();
    });

    it('has no collection account and no terminals when neither was asked for', async () => {
      const d = await openDoor(door);
      const session = await d.client().sessions.create({
        external_event_id: 'evt_1',
        name: 'Gate B',
        collection: { account: false, pos: true, pos_count: 1 },
      });
      expect(session.collection_account).toBeUndefined();
      expect(session.pos_terminals).toHaveLength(1);
    });

    it.each([0, 51, 2.5, '3'])('refuses pos_count %j with 400 and names the field', async (posCount) => {
      const d = await openDoor(door);
      const res = await raw(d, 'POST', '/sessions', { body: sessionParams(3, { collection: { account: true, pos: true, pos_count: posCount } }) });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ success: false, error: { code: 'invalid_request', field: 'collection.pos_count' } });
      expect(d.mock.sessions).toHaveLength(0);
    });

    it('accepts pos_count 1 and 50, the documented bounds', async () => {
      const d = await openDoor(door);
      const one = await raw(d, 'POST', '/sessions', { body: sessionParams(1) });
      const fifty = await raw(d, 'POST', '/sessions', { body: sessionParams(50) });
      expect([one.status, fifty.status]).toEqual([200, 200]);
      const last = (fifty.json as { data: { pos_terminals: { terminal_id: string }[] } }).data.pos_terminals.at(-1);
      expect(last?.terminal_id).toMatch(/^pos_[0-9a-f]{6}_050$/);
    });

    it('refuses a body that is not JSON, or misses a required field, with 400', async () => {
      const d = await openDoor(door);
      expect((await raw(d, 'POST', '/sessions', { body: '{"name":' })).status).toBe(400);
      const missing = await raw(d, 'POST', '/sessions', { body: { name: 'x', collection: { account: true, pos: false } } });
      expect(missing.status).toBe(400);
      expect(missing.json).toMatchObject({ error: { field: 'external_event_id' } });
    });

    it('retrieves a session, and answers 404 for an unknown id', async () => {
      const d = await openDoor(door);
      const kler = d.client();
      const created = await kler.sessions.create(sessionParams(2));
      expect(await kler.sessions.retrieve(created.session_id)).toEqual(created);
      await expect(kler.sessions.retrieve('no_such_session')).rejects.toBeInstanceOf(KlerNotFoundError);
    });

    it('closes a session, refuses a second close with 409, and refuses payments after closing', async () => {
      const d = await openDoor(door);
      const kler = d.client();
      const { session_id } = await kler.sessions.create(sessionParams(1));
      const closed = await kler.sessions.close(session_id);
      expect(closed.status).toBe('closed');
      expect((await kler.sessions.retrieve(session_id)).status).toBe('closed');
      await expect(kler.sessions.close(session_id)).rejects.toBeInstanceOf(KlerConflictError);
      const refused = d.mock.simulatePayment(session_id, { amount: '5000.00', channel: 'bank_transfer' });
      await expect(refused).rejects.toBeInstanceOf(KlerMockError);
      await expect(refused).rejects.toThrow(/is closed: Kler accepts no payments/);
      expect(d.mock.transactions(session_id)).toEqual([]);
      await expect(kler.sessions.close('no_such_session')).rejects.toBeInstanceOf(KlerNotFoundError);
    });
  });

  describe('transactions', () => {
    it('lists newest first, honouring limit and offset', async () => {
      const d = await openDoor(door);
      const kler = d.client();
      const { session_id } = await kler.sessions.create(sessionParams(1));
      const ids: string[] = [];
      for (const amount of ['100.00', '200.00', '300.00', '400.00', '500.00']) {
        ids.push((await d.mock.simulatePayment(session_id, { amount, channel: 'bank_transfer' })).transaction.id);
      }
      const first = await kler.transactions.list({ session_id, limit: 2 });
      expect(first.data.map((t) => t.amount)).toEqual(['500.00', '400.00']);
      const middle = await kler.transactions.list({ session_id, limit: 2, offset: 2 });
      expect(middle.data.map((t) => t.id)).toEqual([ids[2], ids[1]]);
      const all: string[] = [];
      for await (const t of kler.transactions.list({ session_id, limit: 2 })) all.push(t.amount);
      expect(all).toEqual(['500.00', '400.00', '300.00', '200.00', '100.00']);
    });

    it('answers the documented default page of 50 when no limit is sent', async () => {
      const d = await openDoor(door);
      const { session_id } = await d.client().sessions.create(sessionParams(1));
      for (let i = 1; i <= 55; i++) await d.mock.simulatePayment(session_id, { amount: `${i}.00`, channel: 'ussd' });
      const res = await raw(d, 'GET', `/transactions?session_id=${session_id}`);
      const data = (res.json as { data: { amount: string }[] }).data;
      expect(data).toHaveLength(50);
      expect(data[0]?.amount).toBe('55.00');
      expect(data[49]?.amount).toBe('6.00');
    });

    it('refuses a missing session_id or a bad limit with 400, an unknown session with 404', async () => {
      const d = await openDoor(door);
      const { session_id } = await d.client().sessions.create(sessionParams(1));
      expect((await raw(d, 'GET', '/transactions')).status).toBe(400);
      expect((await raw(d, 'GET', `/transactions?session_id=${session_id}&limit=0`)).status).toBe(400);
      expect((await raw(d, 'GET', `/transactions?session_id=${session_id}&offset=-1`)).status).toBe(400);
      expect((await raw(d, 'GET', '/transactions?session_id=nope')).status).toBe(404);
    });

    it('retrieves one transaction, and answers 404 for an unknown id', async () => {
      const d = await openDoor(door);
      const kler = d.client();
      const { session_id } = await kler.sessions.create(sessionParams(1));
      const { transaction } = await d.mock.simulatePayment(session_id, { amount: '5000', channel: 'bank_transfer' });
      const fetched = await kler.transactions.retrieve(transaction.id);
      expect(fetched).toEqual(transaction);
      expect(fetched).toMatchObject({ amount: '5000.00', currency: 'NGN', status: 'successful', session_id });
      expect(fetched.providus_ref).toMatch(/^PVS\d{18}$/);
      await expect(kler.transactions.retrieve('txn_nope')).rejects.toBeInstanceOf(KlerNotFoundError);
    });

    it('leaves sender fields and providus_ref null on POS, USSD and card payments', async () => {
      const d = await openDoor(door);
      const { session_id } = await d.client().sessions.create(sessionParams(1));
      const { transaction } = await d.mock.simulatePayment(session_id, { amount: '1500.00', channel: 'pos' });
      expect(transaction).toMatchObject({ sender_name: null, sender_account: null, sender_bank: null, providus_ref: null });
    });
  });

  describe('operators', () => {
    it('adds an operator with 201 and the default role, lists them, and lists their transactions', async () => {
      const d = await openDoor(door);
      const kler = d.client();
      const { session_id } = await kler.sessions.create(sessionParams(2));
      const res = await raw(d, 'POST', `/sessions/${session_id}/operators`, { body: { name: 'Amina Bello', phone: '08012345678' } });
      expect(res.status).toBe(201);
      const amina = (res.json as { data: { id: string } }).data;
      expect(amina).toMatchObject({ session_id, name: 'Amina Bello', phone: '08012345678', role: 'cashier' });
      const tunde = await kler.operators.create(session_id, { name: 'Tunde', role: 'supervisor' });
      expect(tunde.role).toBe('supervisor');
      expect((await kler.operators.list(session_id)).map((o) => o.name)).toEqual(['Amina Bello', 'Tunde']);

      const mine = await d.mock.simulatePayment(session_id, { amount: '2000.00', channel: 'pos', operator_id: amina.id });
      await d.mock.simulatePayment(session_id, { amount: '3000.00', channel: 'pos', operator_id: tunde.id });
      expect((await kler.operators.listTransactions(session_id, amina.id)).map((t) => t.id)).toEqual([mine.transaction.id]);
      await expect(kler.operators.listTransactions(session_id, 'op_nope')).rejects.toBeInstanceOf(KlerNotFoundError);
      await expect(kler.operators.list('no_such_session')).rejects.toBeInstanceOf(KlerNotFoundError);
    });

    it('refuses an operator without a name with 400', async () => {
      const d = await openDoor(door);
      const { session_id } = await d.client().sessions.create(sessionParams(1));
      const res = await raw(d, 'POST', `/sessions/${session_id}/operators`, { body: { phone: '0801' } });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { field: 'name' } });
    });
  });

  it('answers 404 for a path Kler does not have and 405 for a wrong method', async () => {
    const d = await openDoor(door);
    expect((await raw(d, 'GET', '/nothing/here')).status).toBe(404);
    expect((await raw(d, 'DELETE', '/sessions/abc')).status).toBe(405);
  });
});
