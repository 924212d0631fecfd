/**
 * The fake Kler itself, without the MSW door: state, rules, webhook delivery, faults and the
 * HTTP server. `createKlerMock` (index) adds the MSW handlers; the `kler` command uses this
 * core directly, so it runs without `msw` installed.
 */
import { baseUrlProblem, DEFAULT_BASE_URL } from '../core/base-url.js';
import type { Operator } from '../schemas/operator.js';
import type { Reconciliation } from '../schemas/reconciliation.js';
import type { Session } from '../schemas/session.js';
import type { Settlement } from '../schemas/settlement.js';
import type { Transaction, TransactionStatus } from '../schemas/transaction.js';
import { handleControl } from './control.js';
import { deliverWebhook, type WebhookDeliveryReport } from './delivery.js';
import { createDispatcher, type Dispatch, type KlerMockCall } from './dispatch.js';
import { KlerMockError } from './errors.js';
import { changeStatus, settleRecords } from './history.js';
import { FaultSwitch, type KlerMockFailOptions, type KlerMockFault, type KlerMockFaultTarget } from './faults.js';
import { buildPayment, webhookBody, type SimulatePaymentParams } from './payments.js';
import type { RouteContext } from './routes.js';
import { startServer, type KlerMockListenOptions, type KlerMockServer } from './server.js';
import { copy, KlerStore, type SessionRecord, type TransactionRecord } from './state.js';
import { reconciliationOf, settlementOf } from './summaries.js';

/** Options of `createKlerMock`. Every one has a default that suits a test suite. */
export interface KlerMockOptions {
  /**
   * The only API key the mock accepts. Without it, any non-empty `x-api-key` is accepted (a
   * missing one still gets 401).
   * @default `undefined`: any non-empty key is accepted
   */
  apiKey?: string;
  /**
   * The secret webhook deliveries are signed with (Standard Webhooks). Give the same one to
   * your verifier (`webhookSecret` of `KlerClient`, or `verifyWebhook({ secret })`).
   * @default a random `whsec_…` secret, readable as `mock.webhookSecret`
   */
  webhookSecret?: string;
  /**
   * The base URL the MSW handlers answer, including `/v1`. Point your `KlerClient` at the same.
   * @default 'https://api.kler.africa/v1'
   */
  baseUrl?: string;
  /**
   * Wait before the first webhook retry, in milliseconds; each later retry waits twice as long
   * (Kler retries up to 5 times). Small so tests stay fast.
   * @default 10
   */
  deliveryBaseDelayMs?: number;
  /** How long a webhook receiver has to answer each attempt. @default 5_000 */
  deliveryTimeoutMs?: number;
  /** The `fetch` webhook deliveries use (MSW intercepts the global one). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /**
   * The fake's clock: `created_at`, `paid_at`, `reconciled_at`, settlement dates. Webhook
   * signatures always use the real time, so receivers' timestamp checks keep working.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Settle successful payments automatically this many milliseconds after `paid_at` (for
   * example `86_400_000` for next-day settlement). Without it, payments wait for `mock.settle()`.
   * @default `undefined`: no automatic settlement
   */
  settlementDelayMs?: number;
  /**
   * Silently cap `limit` on `GET /v1/transactions` at this page size. Kler documents no maximum;
   * set this to see how your code copes with one.
   * @default undefined (no cap: every page is as long as the `limit` asked for)
   */
  maxPageSize?: number;
  /**
   * Put `terminal_id` (POS payments) and `operator_id` on transactions and in webhooks. Kler's
   * docs show neither on a transaction (only reconciliation groups by terminal), so they are off
   * by default: turn them on to test code paths that use them when present, such as the audit's
   * terminal totals.
   * @default false
   */
  terminalIdsOnTransactions?: boolean;
  /**
   * Called with every API call the mock answers (both doors), e.g. to log them.
   * @default `undefined`: calls are only recorded
   */
  onCall?: (call: KlerMockCall) => void;
}

/** What `simulatePayment` resolves to. */
export interface SimulatedPayment {
  /** The transaction as `GET /v1/transactions/:id` now returns it. */
  readonly transaction: Transaction;
  /** How the `transaction.received` webhook went; `null` when the session has no `webhook_url` or `webhook: false`. */
  readonly delivery: WebhookDeliveryReport | null;
}

/** Options of `mock.settle`. */
export interface KlerMockSettleOptions {
  /** Settle only these transactions. @default every successful, unsettled one of the session (`status: 'successful'`) */
  transactionIds?: readonly string[];
  /**
   * The settlement time, a valid Date; its UTC date is the `by_date` key.
   * @default the mock's `now()`: the real clock unless `createKlerMock({ now })` replaced it
   */
  at?: Date;
}

/** The fake Kler without its MSW handlers. See `createKlerMock`. */
export interface KlerMockCore {
  /** The base URL the MSW handlers answer, including `/v1`. */
  readonly baseUrl: string;
  /** The key the mock requires, if `apiKey` was given. */
  readonly apiKey: string | undefined;
  /** The secret webhook deliveries are signed with. */
  readonly webhookSecret: string;
  /**
   * Starts a real HTTP server on loopback; its `url` (with `/v1`) goes to `KlerClient`'s `baseUrl`.
   * Beside `/v1` it answers control routes, so another process can drive the fake:
   * `GET /_mock`, `POST /_mock/sessions/:id/payments`, `…/sessions/:id/settle`,
   * `…/transactions/:id/redeliver`, `POST /_mock/fail` (`{ route, fault, times? }`),
   * `POST /_mock/clear-faults` and `POST /_mock/reset`.
   * @throws {KlerMockError} for an invalid port, or one already in use.
   */
  listen(options?: KlerMockListenOptions): Promise<KlerMockServer>;
  /**
   * Records a payment on a session and delivers the signed `transaction.received` webhook to
   * its `webhook_url`, retrying up to 5 times. Resolves once delivered or given up on.
   * @throws {KlerMockError} for an unknown or closed session, an unknown terminal or operator, or
   * a param the SDK could not read back (a bad amount or `paid_at`, an empty status, a sender
   * field that is neither a string nor `null`).
   */
  simulatePayment(sessionId: string, params: SimulatePaymentParams): Promise<SimulatedPayment>;
  /**
   * Delivers a transaction's webhook again, with the same `webhook-id` (as a Kler retry does).
   * @throws {KlerMockError} for an unknown transaction, or a session without `webhook_url`.
   */
  redeliverWebhook(transactionId: string): Promise<WebhookDeliveryReport>;
  /**
   * Marks successful transactions of a session as settled; returns them. A payment settles once:
   * without `transactionIds`, those already settled (by an earlier call or `settlementDelayMs`)
   * keep their date.
   * @throws {KlerMockError} for an unknown session, an invalid `at`, or a `transactionIds` entry
   * that is not a successful transaction of it, is already settled, or is listed twice.
   */
  settle(sessionId: string, options?: KlerMockSettleOptions): Transaction[];
  /**
   * Changes a transaction's status (a pending transfer completing, say). No webhook is sent.
   * @throws {KlerMockError} for an unknown transaction, a status that is not a non-empty string,
   * or a settled transaction moved off `successful` (a settled payment cannot fail).
   */
  setTransactionStatus(transactionId: string, status: TransactionStatus): Transaction;
  /**
   * Makes the next `times` calls to `route` fail with `fault`.
   * @throws {KlerMockError} for an unknown route, an invalid fault, or a bad `times`.
   */
  fail(route: KlerMockFaultTarget, fault: KlerMockFault, options?: KlerMockFailOptions): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /** Every session, oldest first. */
  readonly sessions: Session[];
  /** A session by id. */
  session(sessionId: string): Session | undefined;
  /** A session's transactions, newest first (as the API lists them). */
  transactions(sessionId: string): Transaction[];
  /** A session's operators. */
  operators(sessionId: string): Operator[];
  /** What `GET /v1/reconciliation/:id` would answer now. */
  reconciliation(sessionId: string): Reconciliation;
  /** What `GET /v1/settlement/:id` would answer now. */
  settlement(sessionId: string): Settlement;
  /** Every API call received, oldest first (the last 1,000). */
  readonly calls: readonly KlerMockCall[];
  /** Forgets all sessions, transactions, operators, faults and calls. Servers keep running. */
  reset(): void;
  /** The shared request pipeline for a door serving the API under `basePath`. @internal */
  dispatcher(basePath: string): Dispatch;
}

const MAX_CALLS = 1_000;

/** Creates the fake Kler without MSW handlers. */
export function createKlerMockCore(options: KlerMockOptions = {}): KlerMockCore {
  const now = options.now ?? (() => new Date());
  const store = new KlerStore(now, options.terminalIdsOnTransactions ?? false);
  const faults = new FaultSwitch();
  const calls: KlerMockCall[] = [];
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const webhookSecret = options.webhookSecret ?? randomWebhookSecret();
  const apiKey = options.apiKey;
  if (apiKey !== undefined && apiKey.trim() === '') throw new KlerMockError('createKlerMock({ apiKey }) must not be empty.');
  const delivery = {
    secret: webhookSecret,
    baseDelayMs: checkMs('deliveryBaseDelayMs', options.deliveryBaseDelayMs ?? 10),
    timeoutMs: checkMs('deliveryTimeoutMs', options.deliveryTimeoutMs ?? 5_000),
    maxRetries: 5,
    get fetch() {
      return options.fetch ?? globalThis.fetch;
    },
  };
  const context: RouteContext = {
    store,
    now,
    settlementDelayMs: options.settlementDelayMs,
    maxPageSize: options.maxPageSize,
  };

  const sessionRecord = (sessionId: string): SessionRecord => {
    const record = store.session(sessionId);
    if (!record) throw new KlerMockError(`The mock has no session ${JSON.stringify(sessionId)}; create one with kler.sessions.create first.`);
    return record;
  };
  const transactionRecord = (transactionId: string): TransactionRecord => {
    const record = store.transaction(transactionId);
    if (!record) throw new KlerMockError(`The mock has no transaction ${JSON.stringify(transactionId)}.`);
    return record;
  };
  const clock = () => ({ now: now(), settlementDelayMs: options.settlementDelayMs });
  const deliver = (session: SessionRecord, record: TransactionRecord) =>
    deliverWebhook(session.webhookUrl!, JSON.stringify(webhookBody(store.view(record))), record.webhookId, delivery);

  const core: KlerMockCore = {
    baseUrl,
    apiKey,
    webhookSecret,
    dispatcher: (basePath) =>
      createDispatcher({
        context,
        faults,
        apiKey,
        basePath,
        record: (call) => {
          calls.push(call);
          if (calls.length > MAX_CALLS) calls.shift();
          options.onCall?.(call);
        },
      }),
    listen: (listenOptions) => startServer(core.dispatcher('/v1'), listenOptions, (req, res, body) => handleControl(core, req, res, body)),
    async simulatePayment(sessionId, params) {
      const session = sessionRecord(sessionId);
      const record = buildPayment(store, session, params, now());
      store.addTransaction(record);
      const send = session.webhookUrl !== undefined && params.webhook !== false;
      const report = send ? await deliver(session, record) : null;
      return { transaction: store.view(record), delivery: report };
    },
    async redeliverWebhook(transactionId) {
      const record = transactionRecord(transactionId);
      const session = sessionRecord(record.transaction.session_id);
      if (session.webhookUrl === undefined) {
        throw new KlerMockError(`Session ${session.session.session_id} has no webhook_url, so there is nothing to redeliver.`);
      }
      return deliver(session, record);
    },
    settle(sessionId, settleOptions = {}) {
      sessionRecord(sessionId);
      return settleRecords(sessionId, store.transactionsOf(sessionId), settleOptions, clock()).map((r) => store.view(r));
    },
    setTransactionStatus(transactionId, status) {
      const record = transactionRecord(transactionId);
      changeStatus(record, status, clock());
      return store.view(record);
    },
    fail: (route, fault, failOptions) => faults.add(route, fault, failOptions),
    clearFaults: () => faults.clear(),
    get sessions() {
      return store.sessions().map((r) => copy(r.session));
    },
    session: (sessionId) => {
      const record = store.session(sessionId);
      return record && copy(record.session);
    },
    transactions: (sessionId) => store.transactionsOf(sessionRecord(sessionId).session.session_id).map((r) => store.view(r)),
    operators: (sessionId) => copy(store.operatorsOf(sessionRecord(sessionId).session.session_id)),
    reconciliation: (sessionId) => reconciliationOf(sessionId, store.transactionsOf(sessionRecord(sessionId).session.session_id), now()),
    settlement: (sessionId) =>
      settlementOf(sessionId, store.transactionsOf(sessionRecord(sessionId).session.session_id), now(), options.settlementDelayMs),
    get calls() {
      return [...calls];
    },
    reset() {
      store.clear();
      faults.clear();
      calls.length = 0;
    },
  };
  return core;
}

/** A fresh Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
function randomWebhookSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(24))))}`;
}

function checkBaseUrl(value: string): string {
  const problem = baseUrlProblem(value);
  if (problem) throw new KlerMockError(`createKlerMock({ baseUrl }) ${problem}.`);
  return value.replace(/\/+$/, '');
}

function checkMs(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new KlerMockError(`createKlerMock({ ${name} }) must be a number of 0 or more, got ${value}.`);
  return value;
}
