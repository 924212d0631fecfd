import { describe, expect, it } from 'vitest';
import {
  KlerConnectionError,
  KlerInternalServerError,
  KlerRateLimitError,
  KlerResponseValidationError,
  KlerTimeoutError,
} from '../../src/index.js';
import { KlerMockError } from '../../src/testing/index.js';
import { openDoor, sessionParams, type DoorName } from './doors.js';

describe.each<DoorName>(['msw', 'http'])('fault injection through the %s door', (door) => {
  it('answers a chosen status for the next N calls to a route, then recovers', async () => {
    const d = await openDoor(door);
    const kler = d.client();
    const { session_id } = await kler.sessions.create(sessionParams(1));
    d.mock.fail('sessions.retrieve', { status: 503 }, { times: 2 });
    await expect(kler.sessions.retrieve(session_id)).rejects.toBeInstanceOf(KlerInternalServerError);
    await expect(kler.sessions.retrieve(session_id)).rejects.toBeInstanceOf(KlerInternalServerError);
    await expect(kler.sessions.retrieve(session_id)).resolves.toMatchObject({ session_id });
    // Other routes were never affected.
    expect(d.mock.calls.map((c) => [c.route, c.status, c.fault])).toEqual([
      ['sessions.create', 200, false],
      ['sessions.retrieve', 503, true],
      ['sessions.retrieve', 503, true],
      ['sessions.retrieve', 200, false],
    ]);
  });

  it('lets the SDK retry a GET through a transient 503', async () => {
    const d = await openDoor(door);
    const kler = d.client({ maxRetries: 2 });
    const { session_id } = await kler.sessions.create(sessionParams(1));
    d.mock.fail('reconciliation.retrieve', { status: 503, headers: { 'retry-after': '0' } });
    await expect(kler.reconciliation.retrieve(session_id)).resolves.toMatchObject({ total_inflow: '0.00' });
    expect(d.mock.calls.filter((c) => c.route === 'reconciliation.retrieve').map((c) => c.status)).toEqual([503, 200]);
  });

  it('passes a custom body and headers through', async () => {
    const d = await openDoor(door);
    const kler = d.client();
    d.mock.fail('*', { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '120' } });
    const error = await kler.sessions.retrieve('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfter: 120_000, body: { message: 'slow down' } });
  });

  it('answers a malformed body that the SDK reports as a validation error', async () => {
    const d = await openDoor(door);
    d.mock.fail('sessions.retrieve', { malformed: true });
    await expect(d.client().sessions.retrieve('x')).rejects.toBeInstanceOf(KlerResponseValidationError);
  });

  it('drops the connection, which the SDK reports as a connection error', async () => {
    const d = await openDoor(door);
    const kler = d.client();
    d.mock.fail('sessions.create', { drop: true });
    const error = await kler.sessions.create(sessionParams(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerConnectionError);
    expect(error).toMatchObject({ mayHaveBeenProcessed: true });
    expect(d.mock.calls.at(-1)).toMatchObject({ route: 'sessions.create', status: 'dropped', fault: true });
    expect(d.mock.sessions).toHaveLength(0);
  });

  it('delays an answer past the client timeout', async () => {
    const d = await openDoor(door);
    d.mock.fail('sessions.retrieve', { delayMs: 300 });
    await expect(d.client({ timeout: 50 }).sessions.retrieve('x')).rejects.toBeInstanceOf(KlerTimeoutError);
  });
});

describe('mock.fail', () => {
  it('keeps failing with times: Infinity until clearFaults()', async () => {
    const d = await openDoor('msw');
    const kler = d.client();
    d.mock.fail('*', { status: 500 }, { times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) await expect(kler.sessions.retrieve('x')).rejects.toBeInstanceOf(KlerInternalServerError);
    d.mock.clearFaults();
    await expect(kler.sessions.create(sessionParams(1))).resolves.toMatchObject({ status: 'active' });
  });

  it.each([
    ['sessions.delete', { status: 500 }, {}, /Unknown route "sessions.delete"/],
    ['*', { status: 99 }, {}, /status from 200 to 599/],
    ['*', {}, {}, /needs a fault/],
    ['*', { status: 500 }, { times: 0 }, /times/],
    // A fault may come from JSON (POST /_mock/fail), so it is checked beyond its type.
    [42, { status: 500 }, {}, /needs a route/],
    ['*', { malformed: false }, {}, /malformed must be true/],
    ['*', { status: 500, drop: true }, {}, /not status and drop together/],
    ['*', { status: 503, headers: { 'retry-after': 1 } }, {}, /headers must be an object of strings/],
    // Beyond the timer range, setTimeout would fire after 1 ms: refused, never silently early.
    ['*', { delayMs: 2 ** 31 }, {}, /delayMs must be a number of milliseconds from 0 to 2147483647/],
    ['*', { delayMs: Number.MAX_SAFE_INTEGER }, {}, /delayMs/],
  ])('refuses %s %j %j', async (route, fault, options, message) => {
    const d = await openDoor('msw');
    expect(() => d.mock.fail(route as never, fault as never, options)).toThrow(KlerMockError);
    expect(() => d.mock.fail(route as never, fault as never, options)).toThrow(message);
  });
});
