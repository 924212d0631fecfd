import { baseUrlProblem, DEFAULT_BASE_URL } from './core/base-url.js';
import { readEnv } from './core/env.js';
import { KlerConfigurationError } from './core/errors.js';
import { checkHooks, type KlerHooks } from './core/hooks.js';
import { Transport } from './core/http.js';
import { createLog, type KlerLogger, type KlerLogLevel } from './core/logger.js';
import { propagationOf, tracerOf, type KlerPropagation, type KlerTracer, type KlerTracerProvider } from './core/telemetry.js';
import { Operators } from './resources/operators.js';
import { ReconciliationResource } from './resources/reconciliation.js';
import { Sessions } from './resources/sessions.js';
import { SettlementResource } from './resources/settlement.js';
import { Webhooks } from './resources/webhooks.js';
import { Transactions } from './resources/transactions.js';

/** Options of `new KlerClient(options)`. */
export interface KlerClientOptions {
  /**
   * Your organisation's API key, sent as `x-api-key`.
   * @default process.env.KLER_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * Where the API lives, including `/v1`. Point it at `kler mock` or a proxy for tests.
   * @default process.env.KLER_BASE_URL ?? 'https://api.kler.africa/v1'
   */
  baseUrl?: string | undefined;
  /**
   * Milliseconds to wait for each attempt before `KlerTimeoutError`.
   * @default 30_000
   */
  timeout?: number | undefined;
  /**
   * Extra attempts after the first, where the retry policy allows (GET on network errors,
   * timeouts, 408, 429, 500, 502–504 and 520–524/529; POST/PATCH only on 429 or a refused
   * connection).
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Largest answer accepted, in bytes (every body, error bodies included). A larger one stops
   * the read, closes the connection and throws `KlerResponseTooLargeError`; a call's
   * `{ maxResponseBytes }` overrides it.
   * @default 52_428_800 (50 MiB)
   */
  maxResponseBytes?: number | undefined;
  /** A custom `fetch` (proxies, instrumentation, tests). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Secret(s) for `kler.webhooks.verify`: `whsec_…` or plain. Several for rotation.
   * @default process.env.KLER_WEBHOOK_SECRET
   */
  webhookSecret?: string | readonly string[] | undefined;
  /**
   * Where log lines go: anything with `debug`, `info`, `warn` and `error` methods. Lines never
   * contain the API key, a webhook secret or a body.
   * @default console
   */
  logger?: KlerLogger | undefined;
  /**
   * How much to log: `'debug'` writes one line per HTTP attempt, `'info'` adds retries, `'warn'`
   * answers that fail validation, `'off'` nothing.
   * @default process.env.KLER_LOG ?? 'warn'
   */
  logLevel?: KlerLogLevel | undefined;
  /**
   * Functions called around every HTTP attempt: add headers, time calls, watch retries. See
   * `KlerHooks`.
   * @default `undefined`: none
   */
  hooks?: KlerHooks | undefined;
  /**
   * An OpenTelemetry `Tracer` or `TracerProvider` (from `@opentelemetry/api`): each SDK call
   * becomes a span (`kler.sessions.create`), with a client span per HTTP attempt, and requests
   * carry W3C `traceparent` headers.
   * @default `undefined`: no spans
   */
  tracer?: KlerTracer | KlerTracerProvider | undefined;
  /**
   * OpenTelemetry's `propagation` (from `@opentelemetry/api`), to write each attempt's trace
   * headers with your registered propagators (B3, baggage formats, …) instead of W3C
   * `traceparent`. Used with `tracer`.
   * @default `undefined`: W3C `traceparent` and `tracestate`
   */
  propagation?: KlerPropagation | undefined;
}

/**
 * The Kler API client: one instance per API key, safe to share across requests.
 * @example
 * import { KlerClient } from '@kler/sdk';
 * const kler = new KlerClient(); // reads KLER_API_KEY
 * const session = await kler.sessions.retrieve('sess_123');
 */
export class KlerClient {
  // The resources are `declare`d: the constructor assigns them (see the note in core/errors.ts).
  /** Create, retrieve and close sessions. */
  declare readonly sessions: Sessions;
  /** A session's live totals by status, channel and terminal. */
  declare readonly reconciliation: ReconciliationResource;
  /** What has been paid out and what is waiting. */
  declare readonly settlement: SettlementResource;
  /** A session's payments: list (paged, or every one with `for await`) and retrieve. */
  declare readonly transactions: Transactions;
  /** The people working a session's terminals. */
  declare readonly operators: Operators;
  /** Verify webhook deliveries with `webhookSecret`, and confirm them against the API. */
  declare readonly webhooks: Webhooks;
  readonly #transport: Transport;

  /**
   * Creates a client. `apiKey`, `baseUrl` and `webhookSecret` fall back to `KLER_API_KEY`,
   * `KLER_BASE_URL` and `KLER_WEBHOOK_SECRET`. A missing API key is reported by the first
   * request, not here, so a client that only verifies webhooks needs none.
   * @throws {KlerConfigurationError} when `options` is not an object, `baseUrl` is not an
   * absolute http(s) URL or has credentials, a query or a fragment, `timeout`, `maxRetries` or
   * `maxResponseBytes` is not a valid number, `logLevel` (or `KLER_LOG`) is not a level, or
   * `logger`, `hooks`, `tracer` or `propagation` is not what it should be.
   */
  constructor(options: KlerClientOptions = {}) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new KlerConfigurationError(
        `new KlerClient(options): options must be an object such as { apiKey }, got ${options === null ? 'null' : typeof options}.`,
      );
    }
    const baseUrl = options.baseUrl ?? readEnv('KLER_BASE_URL') ?? DEFAULT_BASE_URL;
    checkBaseUrl(baseUrl);
    const apiKey = (options.apiKey ?? readEnv('KLER_API_KEY'))?.trim() || undefined;
    const webhookSecret = options.webhookSecret ?? readEnv('KLER_WEBHOOK_SECRET');
    this.#transport = new Transport({
      apiKey,
      baseUrl,
      timeout: options.timeout ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      maxResponseBytes: options.maxResponseBytes,
      fetch: options.fetch,
      observability: {
        log: createLog(options, [apiKey, ...[webhookSecret ?? []].flat()]),
        hooks: checkHooks(options.hooks, 'hooks'),
        tracer: tracerOf(options.tracer),
        propagation: propagationOf(options.propagation),
      },
    });
    this.sessions = new Sessions(this.#transport);
    this.reconciliation = new ReconciliationResource(this.#transport);
    this.settlement = new SettlementResource(this.#transport);
    this.webhooks = new Webhooks(this.#transport, webhookSecret);
    this.transactions = new Transactions(this.#transport);
    this.operators = new Operators(this.#transport);
  }

  /** The resolved base URL, with a trailing slash. */
  get baseUrl(): string {
    return this.#transport.baseUrl;
  }

  /** A summary safe to log: the API key is never included. */
  toJSON(): Record<string, unknown> {
    return { KlerClient: this.#transport.toJSON() };
  }

  /** Keeps `console.log(client)` short and free of secrets. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `KlerClient ${JSON.stringify(this.#transport.toJSON())}`;
  }
}

function checkBaseUrl(baseUrl: unknown): void {
  const problem = baseUrlProblem(baseUrl);
  if (problem) throw new KlerConfigurationError(`baseUrl ${problem}.`);
}
