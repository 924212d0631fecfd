/**
 * Over raw HTTP — `kler mock`, other languages — the fake must refuse what the SDK refuses
 * client-side, or it creates sessions and operators the SDK would never send or cannot read
 * back. It checks bodies with the SDK's own param schemas; this file holds the doors to the
 * SDK client's verdicts, request by request.
 */
import { describe, expect, it } from 'vitest';
import { KlerInvalidParamsError } from '../../src/core/errors.js';
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

/** The SDK client's verdict on `send`: 'sent' or 'refused' (before sending). */
async function clientVerdict(send: () => Promise<unknown>): Promise<'sent' | 'refused'> {
  try {
    await send();
    return 'sent';
  } catch (error) {
    if (error instanceof KlerInvalidParamsError) return 'refused';
    throw error;
  }
}

describe.each<DoorName>(['msw', 'http'])('the %s door and the SDK client give the same verdict', (door) => {
  it.each(SESSION_BODIES)('on a session body with %s', async (_name, body) => {
    const d = await openDoor(door);
    const http = await raw(d, 'POST', '/sessions', { body });
    const sdk = await clientVerdict(() => d.client().sessions.create(body as never));
    expect(http.status === 400 ? 'refused' : 'sent').toBe(sdk);
  });

  it.each(OPERATOR_BODIES)('on an operator body with %s', async (_name, body) => {
    const d = await openDoor(door);
    const { session_id } = await d.client().sessions.create(sessionParams(1));
    const http = await raw(d, 'POST', `/sessions/${session_id}/operators`, { body });
    const sdk = await clientVerdict(() => d.client().operators.create(session_id, body as never));
    expect(http.status === 400 ? 'refused' : 'sent').toBe(sdk);
  });
});

describe.each<DoorName>(['msw', 'http'])('over raw HTTP through the %s door', (door) => {
  it.each([
    ['collection enables nothing', collection({ account: false, pos: false }), 'collection', /at least one of account or pos/],
    [
      'ends_at is before starts_at',
      sessionParams(1, { starts_at: '2025-08-02T18:00:00.000Z', ends_at: '2025-08-01T18:00:00.000Z' }),
      'ends_at',
      /ends_at \(2025-08-01T18:00:00.000Z\) must be later than starts_at \(2025-08-02T18:00:00.000Z\)/,
    ],
    ['starts_at has no UTC offset', sessionParams(1, { starts_at: '2025-08-01T18:00:00' }), 'starts_at', /ISO 8601 timestamp/],
    ['pos_count is impossible though pos is false', collection({ account: true, pos: false, pos_count: 0 }), 'collection.pos_count', /at least 1/],
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
