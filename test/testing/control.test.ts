/**
 * Fault injection over the `kler mock` control routes: another process (a shell script, a test in
 * another language) arms and clears faults as `mock.fail()` / `mock.clearFaults()` do in-process,
 * with the same validation.
 */
import { describe, expect, it } from 'vitest';
import { KlerInternalServerError, KlerRateLimitError, KlerResponseValidationError } from '../../src/index.js';
import { control, openDoor, sessionParams } from './doors.js';

describe('POST /_mock/fail', () => {
  it('makes the next call to a route answer the fault, then the route recovers', async () => {
    const d = await openDoor('http');
    const kler = d.client();
    const { session_id } = await kler.sessions.create(sessionParams(1));
    const armed = await control(d, 'POST', '/fail', { route: 'sessions.retrieve', fault: { status: 503 } });
    expect(armed).toEqual({ status: 200, json: { success: true, data: { route: 'sessions.retrieve', fault: { status: 503 }, times: 1 } } });
    await expect(kler.sessions.retrieve(session_id)).rejects.toBeInstanceOf(KlerInternalServerError);
    await expect(kler.sessions.retrieve(session_id)).resolves.toMatchObject({ session_id });
  });

  it('passes times, headers and the other fault kinds through', async () => {
    const d = await openDoor('http');
    const kler = d.client();
    await control(d, 'POST', '/fail', { route: '*', fault: { status: 429, headers: { 'retry-after': '7' } }, times: 2 });
    for (let i = 0; i < 2; i++) await expect(kler.sessions.retrieve('x')).rejects.toMatchObject({ status: 429, retryAfter: 7000 });
    await control(d, 'POST', '/fail', { route: 'sessions.retrieve', fault: { malformed: true } });
    await expect(kler.sessions.retrieve('x')).rejects.toBeInstanceOf(KlerResponseValidationError);
  });

  it('keeps failing with times "Infinity" until POST /_mock/clear-faults', async () => {
    const d = await openDoor('http');
    const kler = d.client();
    expect((await control(d, 'POST', '/fail', { route: '*', fault: { status: 429 }, times: 'Infinity' })).status).toBe(200);
    for (let i = 0; i < 3; i++) await expect(kler.sessions.retrieve('x')).rejects.toBeInstanceOf(KlerRateLimitError);
    expect(await control(d, 'POST', '/clear-faults')).toEqual({ status: 200, json: { success: true, data: {} } });
    await expect(kler.sessions.create(sessionParams(1))).resolves.toMatchObject({ status: 'active' });
  });

  it.each([
    [{ fault: { status: 500 } }, /needs a route/],
    [{ route: 'sessions.delete', fault: { status: 500 } }, /Unknown route "sessions.delete"/],
    [{ route: '*' }, /needs a fault/],
    [{ route: '*', fault: { status: 99 } }, /status from 200 to 599/],
    [{ route: '*', fault: { malformed: false } }, /malformed must be true/],
    [{ route: '*', fault: { drop: true, status: 500 } }, /not status and drop together/],
    [{ route: '*', fault: { status: 503, headers: { 'retry-after': 1 } } }, /headers must be an object of strings/],
    [{ route: '*', fault: { delayMs: '100' } }, /delayMs must be a number/],
    [{ route: '*', fault: { status: 500 }, times: 0 }, /`times` must be a whole number of 1 or more, or Infinity; got 0/],
    [{ route: '*', fault: { status: 500 }, times: 'forever' }, /got forever/],
  ])('refuses %j with 400 and the mock.fail() message, arming nothing', async (body, message) => {
    const d = await openDoor('http');
    const res = await control(d, 'POST', '/fail', body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ success: false, error: { code: 'mock_error', message: expect.stringMatching(message) } });
    await expect(d.client().sessions.create(sessionParams(1))).resolves.toMatchObject({ status: 'active' });
  });
});

describe('the control route list', () => {
  const ROUTES = [
    'GET /_mock',
    'POST /_mock/sessions/:session_id/payments',
    'POST /_mock/sessions/:session_id/settle',
    'POST /_mock/transactions/:transaction_id/redeliver',
    'POST /_mock/fail',
    'POST /_mock/clear-faults',
    'POST /_mock/reset',
  ];

  it('names the fault routes in GET /_mock and in the 404 for an unknown control route', async () => {
    const d = await openDoor('http');
    expect((await control(d, 'GET', '')).json.data.routes).toEqual(ROUTES);
    const unknown = await control(d, 'DELETE', '/faults');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      success: false,
      error: { code: 'route_not_found', message: 'No mock control route DELETE /_mock/faults.', routes: ROUTES },
    });
  });
});
