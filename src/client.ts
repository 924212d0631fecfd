import { baseUrlProblem, DEFAULT_BASE_URL } from './core/base-url.js';
import { readEnv } from './core/env.js';
import { KlerConfigurationError } from './core/errors.js';
import { Transport } from './core/http.js';
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
   * absolute http(s) URL or has credentials, a query or a fragment, or `timeout`, `maxRetries`
   * or `maxResponseBytes` is not a valid number.
   */
  constructor(options: KlerClientOptions = {}) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new KlerConfigurationError(
        `new KlerClient(options): options must be an object such as { apiKey }, got ${options === null ? 'null' : typeof options}.`,
      );
    }
    const baseUrl = options.baseUrl ?? readEnv('KLER_BASE_URL') ?? DEFAULT_BASE_URL;
    checkBaseUrl(baseUrl);
    this.#transport = new Transport({
      apiKey: (options.apiKey ?? readEnv('KLER_API_KEY'))?.trim() || undefined,
      baseUrl,
      timeout: options.timeout ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      maxResponseBytes: options.maxResponseBytes,
      fetch: options.fetch,
    });
    this.sessions = new Sessions(this.#transport);
    this.reconciliation = new ReconciliationResource(this.#transport);
    this.settlement = new SettlementResource(this.#transport);
    this.webhooks = new Webhooks(this.#transport, options.webhookSecret ?? readEnv('KLER_WEBHOOK_SECRET'));
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
