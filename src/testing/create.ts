import type { HttpHandler } from 'msw';
import { createKlerMockCore, type KlerMockCore, type KlerMockOptions } from './mock.js';
import { createHandlers } from './msw.js';

/**
 * The fake Kler that `createKlerMock()` returns: its state and controls (`simulatePayment`,
 * `settle`, `fail`…), a loopback server (`listen`) and MSW handlers (`handlers`).
 */
export interface KlerMock extends Omit<KlerMockCore, 'dispatcher'> {
  /**
   * MSW request handlers answering every request under `baseUrl` from the fake. Spread them
   * into `setupServer(...)`; a `KlerClient` with the same `baseUrl` then talks to the fake.
   * Built on first read, which loads `msw` (an optional peer dependency; Node 22.12+).
   * @throws {KlerMockError} when msw is not installed.
   */
  readonly handlers: HttpHandler[];
}

/**
 * Creates an in-memory fake Kler built from the documented API: `x-api-key` required, `pos_count`
 * 1–50, closed sessions take no payments, transactions newest first with `limit`/`offset`,
 * reconciliation and settlement computed exactly from its transactions. Where Kler's docs are
 * silent it chooses (its error envelope and statuses such as 404 for unknown ids, the SDK's
 * stricter body rules, a payment settling once): the README lists each choice. Each call makes
 * an independent fake.
 * @example
 * import { setupServer } from 'msw/node';
 * import { KlerClient } from '@kler/sdk';
 * import { createKlerMock } from '@kler/sdk/testing';
 *
 * const mock = createKlerMock();
 * const server = setupServer(...mock.handlers);
 * server.listen();
 *
 * const kler = new KlerClient({ apiKey: 'test', baseUrl: mock.baseUrl });
 * const session = await kler.sessions.create({
 *   external_event_id: 'evt_1',
 *   name: 'Test night',
 *   collection: { account: true, pos: true, pos_count: 2 },
 * });
 * await mock.simulatePayment(session.session_id, { amount: '5000.00', channel: 'pos' });
 * const totals = await kler.reconciliation.retrieve(session.session_id); // total_inflow "5000.00"
 */
export function createKlerMock(options: KlerMockOptions = {}): KlerMock {
  const core = createKlerMockCore(options);
  const mock = core as KlerMockCore & KlerMock;
  let handlers: HttpHandler[] | undefined;
  // A getter, so msw is only loaded by those who use the MSW door.
  Object.defineProperty(mock, 'handlers', {
    enumerable: true,
    get: () => (handlers ??= createHandlers(core.dispatcher(new URL(core.baseUrl).pathname.replace(/\/+$/, '')), core.baseUrl)),
  });
  return mock;
}
