/**
 * The fake writes its own body checks (see src/testing/validate.ts), but over raw HTTP — `kler
 * mock`, other languages — it must refuse what the SDK refuses client-side, or it creates
 * sessions and operators the SDK would never send or cannot read back. This file holds the two
 * to the same verdicts.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/core/model.js';
import { OperatorCreateParamsModel, SessionCreateParamsModel } from '../../src/schemas/session-params.js';
import { checkOperatorBody, checkSessionBody } from '../../src/testing/validate.js';
import { openDoor, raw, sessionParams, type DoorName } from './doors.js';

const collection = (value: Record<string, unknown>) => sessionParams(1, { collection: value });

/** Bodies on both sides of each rule; `[name, body]`. */
const SESSION_BODIES: [string, Record<string, unknown>][] = [
  ['a valid body', sessionParams(2)],
  ['account only', collection({ account: true, pos: false })],
  ['neither account nor pos', collection({ account: false, pos: false })],
  ['pos without pos_count', collection({ account: false, pos: true })],
  ['pos_count 51 with pos false', collection({ account: true, pos: false, pos_count: 51 })],
  ['pos_count 2 with pos false', collection({ account: true, pos: false, pos_count: 2 })],
  ['starts_at and a later ends_at', sessionParams(1, { starts_at: '2025-08-01T18:00:00Z', ends_at: '2025-08-02T02:00:00+01:00' })],
  ['ends_at before starts_at', sessionParams(1, { starts_at: '2025-08-02T18:00:00.000Z', ends_at: '2025-08-01T18:00:00.000Z' })],
  ['ends_at equal to starts_at', sessionParams(1, { starts_at: '2025-08-02T18:00:00Z', ends_at: '2025-08-02T19:00:00+01:00' })],
  ['starts_at without a UTC offset', sessionParams(1, { starts_at: '2025-08-01T18:00:00' })],
  ['starts_at without seconds', sessionParams(1, { starts_at: '2025-08-01T18:00Z' })],
  ['starts_at on 30 February', sessionParams(1, { starts_at: '2025-02-30T18:00:00Z' })],
  ['a date-only ends_at', sessionParams(1, { ends_at: '2025-08-01' })],
  ['currency null', sessionParams(1, { currency: null })],
  ['currency NGN', sessionParams(1, { currency: 'NGN' })],
  ['currency USD', sessionParams(1, { currency: 'USD' })],
  ['a blank name', sessionParams(1, { name: '   ' })],
  ['a webhook_url without a host', sessionParams(1, { webhook_url: 'http:' })],
  ['an ftp webhook_url', sessionParams(1, { webhook_url: 'ftp://example.com/hook' })],
  ['metadata as an array', sessionParams(1, { metadata: ['x'] })],
];

const OPERATOR_BODIES: [string, Record<string, unknown>][] = [
  ['a name only', { name: 'Amina' }],
  ['every field', { name: 'Amina', email: 'amina@example.com', phone: '0801', role: 'supervisor' }],
  ['an empty role', { name: 'Amina', role: '' }],
  ['a blank role', { name: 'Amina', role: '  ' }],
  ['an email without @', { name: 'Amina', email: 'amina.example.com' }],
  ['a numeric phone', { name: 'Amina', phone: 801 }],
];

describe('the fake and the SDK give the same verdict', () => {
  it.each(SESSION_BODIES)('on a session body with %s', (_name, body) => {
    expect(checkSessionBody(body).ok).toBe(validate(SessionCreateParamsModel, body).ok);
  });

  it.each(OPERATOR_BODIES)('on an operator body with %s', (_name, body) => {
    expect(checkOperatorBody(body).ok).toBe(validate(OperatorCreateParamsModel, body).ok);
  });
});

describe.each<DoorName>(['msw', 'http'])('over raw HTTP through the %s door', (door) => {
  it.each([
    ['collection enables nothing', collection({ account: false, pos: false }), 'collection', /at least one of account and pos/],
    [
      'ends_at is before starts_at',
      sessionParams(1, { starts_at: '2025-08-02T18:00:00.000Z', ends_at: '2025-08-01T18:00:00.000Z' }),
      'ends_at',
      /ends_at \(2025-08-01T18:00:00.000Z\) must be later than starts_at \(2025-08-02T18:00:00.000Z\)/,
    ],
    ['starts_at has no UTC offset', sessionParams(1, { starts_at: '2025-08-01T18:00:00' }), 'starts_at', /with a UTC offset.*got "2025-08-01T18:00:00"/],
    ['pos_count is impossible though pos is false', collection({ account: true, pos: false, pos_count: 0 }), 'collection.pos_count', /got 0/],
  ])('refuses a session where %s with 400, naming the field, and creates nothing', async (_name, body, field, message) => {
    const d = await openDoor(door);
    const res = await raw(d, 'POST', '/sessions', { body });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ success: false, error: { code: 'invalid_request', field, message: expect.stringMatching(message) } });
    expect(d.mock.sessions).toEqual([]);
  });

  it('refuses an operator with an empty role, which the SDK could not read back from operators.list', async () => {
    const d = await openDoor(door);
    const kler = d.client();
    const { session_id } = await kler.sessions.create(sessionParams(1));
    const res = await raw(d, 'POST', `/sessions/${session_id}/operators`, { body: { name: 'Amina', role: '' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'invalid_request', field: 'role' } });
    await expect(kler.operators.list(session_id)).resolves.toEqual([]);
  });
});
