/**
 * `@kler/sdk/testing`: an in-memory fake Kler for testing your integration offline, behind
 * three doors — MSW handlers, a real HTTP server on loopback, and `simulatePayment()`, which
 * records a payment and delivers its signed webhook. Only `handlers` needs `msw` (an optional
 * peer dependency); everything else runs without it.
 * @example
 * import { setupServer } from 'msw/node';
 * import { createKlerMock } from '@kler/sdk/testing';
 *
 * const kler = createKlerMock();
 * const server = setupServer(...kler.handlers);
 * @packageDocumentation
 */
export { createKlerMock, type KlerMock } from './create.js';
export type { KlerMockOptions, SimulatedPayment, KlerMockSettleOptions } from './mock.js';
export type { SimulatePaymentParams, TransactionReceivedBody } from './payments.js';
export type { WebhookDeliveryReport, WebhookAttempt } from './delivery.js';
export type { KlerMockFault, KlerMockFailOptions, KlerMockFaultTarget } from './faults.js';
export type { KlerMockRoute } from './routes.js';
export type { KlerMockCall } from './dispatch.js';
export type { KlerMockServer, KlerMockListenOptions } from './server.js';
export { KlerMockError } from './errors.js';
