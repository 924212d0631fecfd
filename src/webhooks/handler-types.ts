/**
 * The public shapes of `createWebhookHandler`: its options, what a handler function receives,
 * the observation events, and the handler's doors.
 */
import type { KlerWebhookVerificationReason } from '../core/errors.js';
import type { KlerTracer, KlerTracerProvider } from '../core/telemetry.js';
import type { KlerWebhookEvent, TransactionReceivedEvent, UnknownWebhookEvent } from '../schemas/webhook-event.js';
import type { WebhookHeaders } from './headers.js';
import type { WebhookSecret } from './secret.js';
import type { WebhookInboxRecord, WebhookInboxStore, WebhookStore } from './store.js';
import type { VerifyWebhookOptions, WebhookScheme } from './verify.js';

/** What a handler function receives besides the event. */
export interface WebhookWorkContext {
  /**
   * Aborted shortly before this attempt's lease expires (at 90% of `leaseMs`: another process
   * may then take the work over, so stop and throw) or when the worker running it stops. Pass
   * it to the calls the work makes.
   */
  readonly signal: AbortSignal;
  /** 1 for the first attempt at this key, 2 for the first retry, … (crashed attempts count). */
  readonly attempt: number;
  /**
   * The unit-of-work key (`transaction:<id>:<status>`): use it as an idempotency key where the
   * work writes (a unique ticket column), so even a lease lost mid-work cannot issue twice.
   */
  readonly key: string;
}

/** A function doing the work of one event; throwing (or rejecting) means "retry it". */
export type WebhookEventHandler<E> = (event: E, context: WebhookWorkContext) => unknown;

/** The handler functions per event type this SDK knows. */
export interface WebhookEventHandlers {
  /** Runs once per transaction and status: issue the tickets here. */
  'transaction.received'?: WebhookEventHandler<TransactionReceivedEvent>;
}

/** The slice of `KlerClient` the handler verifies with (its `webhookSecret`). */
export interface WebhookVerifierClient {
  /** `kler.webhooks`. */
  readonly webhooks: {
    /** Verifies a delivery with the client's secret. */
    verify(params: Omit<VerifyWebhookOptions, 'secret'>): Promise<KlerWebhookEvent>;
  };
}

/** Where an error reported to `onError` happened. */
export interface WebhookErrorInfo {
  /**
   * `handler`: a handler function threw (it is retried); `store`: the store failed;
   * `lease_lost`: the work finished after its lease expired and another attempt took it over
   * (it may have run twice); `configuration`: the handler or the server is set up wrongly.
   */
  readonly phase: 'handler' | 'store' | 'lease_lost' | 'configuration';
  /** The unit-of-work key, once known. */
  readonly key: string | undefined;
  /** The attempt, for `handler` and `lease_lost`. */
  readonly attempt: number | undefined;
}

/** An observation point, for logs and metrics: what happened to one delivery or unit of work. */
export type WebhookHandlerEvent =
  | {
      /** A delivery passed verification. */
      readonly type: 'verified';
      /** The unit-of-work key. */
      readonly key: string;
      /** The event type, e.g. `transaction.received`. */
      readonly event: string;
    }
  | {
      /** A delivery was refused before any work: bad signature, too large, too slow, wrong method. */
      readonly type: 'rejected';
      /** The reason code sent back as `{ error }`. */
      readonly reason: KlerWebhookVerificationReason | 'body_too_large' | 'body_timeout' | 'body_incomplete' | 'method_not_allowed';
      /** The HTTP status answered. */
      readonly status: number;
    }
  | {
      /**
       * `enqueued`: recorded in the inbox; `duplicate`: already done (or already enqueued);
       * `ignored`: no handler for its type, answered 2xx.
       */
      readonly type: 'enqueued' | 'duplicate' | 'ignored';
      /** The unit-of-work key. */
      readonly key: string;
    }
  | {
      /** A redelivery arrived while another attempt holds the lease; answered 409. */
      readonly type: 'in_progress';
      /** The unit-of-work key. */
      readonly key: string;
      /** The `Retry-After` answered, in seconds. */
      readonly retryAfterSeconds: number;
    }
  | {
      /** `processed`: the work succeeded and was recorded done; `lease_lost`: it succeeded too late. */
      readonly type: 'processed' | 'lease_lost';
      /** The unit-of-work key. */
      readonly key: string;
      /** Which attempt. */
      readonly attempt: number;
      /** How long the handler function ran, in milliseconds. */
      readonly durationMs: number;
    }
  | {
      /** `failed`: the handler threw and the work will be retried; `dead_lettered`: it will not. */
      readonly type: 'failed' | 'dead_lettered';
      /** The unit-of-work key. */
      readonly key: string;
      /** Which attempt. */
      readonly attempt: number;
      /** What the handler threw. */
      readonly error: unknown;
    };

/** Options of `createWebhookHandler`. */
export interface WebhookHandlerOptions {
  /**
   * The endpoint's signing secret (`whsec_…`, or several while rotating). A handler that only
   * works the inbox (`worker()`/`drain()` in another process) needs none.
   * @default `undefined`: verify with `client`
   */
  secret?: WebhookSecret;
  /** A `KlerClient` (or anything with `webhooks.verify`) to verify with its `webhookSecret`. @default `undefined` */
  client?: WebhookVerifierClient;
  /** How deliveries are signed, as for `verifyWebhook`. @default { type: 'standard-webhooks' } */
  scheme?: WebhookScheme;
  /** The timestamp tolerance of Standard Webhooks, in seconds, as for `verifyWebhook`. @default 300 */
  toleranceSeconds?: number;
  /** The work per known event type. @default {} (known events are answered 2xx and dropped) */
  on?: WebhookEventHandlers;
  /** The work for event types this SDK does not know yet. @default `undefined`: answered 2xx and dropped */
  onUnknown?: WebhookEventHandler<UnknownWebhookEvent>;
  /** Told of every failure: handler errors, store errors, lost leases, setup mistakes. @default logs with `console.error` */
  onError?: (error: unknown, info: WebhookErrorInfo) => void;
  /** Told of what happens to each delivery and unit of work (logs, metrics). @default `undefined` */
  onEvent?: (event: WebhookHandlerEvent) => void;
  /**
   * An OpenTelemetry `Tracer` or `TracerProvider` (from `@opentelemetry/api`): each delivery
   * becomes a `kler.webhooks.handle` span (`kler.webhook.id`, `kler.webhook.event`,
   * `kler.webhook.outcome` — the `onEvent` type — and `http.response.status_code`), a child of
   * the active span, with an error status when the work or the store failed; each inbox work
   * attempt run by `drain()`/`worker()` is a `kler.webhooks.work` span. Besides the
   * `webhook-id`, no header, body or secret goes on a span.
   * @default `undefined`: no spans
   */
  tracer?: KlerTracer | KlerTracerProvider | undefined;
  /**
   * Where claims (and, in inbox mode, the events) are kept; shared by every process handling
   * deliveries. The default lives in this process only.
   * @default createMemoryWebhookStore()
   */
  store?: WebhookStore | WebhookInboxStore;
  /**
   * `inline`: the work runs before the answer, 2xx only once it succeeded (Kler's retries are
   * the retries). `inbox`: the event is recorded in the store and answered 202 at once; the work
   * runs from `drain()` or `worker()`, with its own retries and dead letters.
   * @default 'inline'
   */
  mode?: 'inline' | 'inbox';
  /** The largest body accepted, in bytes; past it the reading stops and the answer is 413. @default 1_048_576 (1 MiB) */
  maxBodyBytes?: number;
  /** How long the whole body may take to arrive, in milliseconds; past it the answer is 408. @default 10_000 */
  bodyTimeoutMs?: number;
  /**
   * How long one attempt holds its key, in milliseconds: longer than the work ever takes. Past
   * it, another delivery or worker takes the work over (a crashed process's work is not lost).
   * @default 60_000
   */
  leaseMs?: number;
  /** Inbox: attempts before a unit of work is dead-lettered. @default 10 */
  maxAttempts?: number;
  /** Inbox: the wait before the first retry, in milliseconds; it doubles per attempt (with jitter). @default 1_000 */
  retryDelayMs?: number;
  /** Inbox: the longest wait between retries, in milliseconds. @default 600_000 (10 minutes) */
  maxRetryDelayMs?: number;
  /**
   * How long a done key is remembered, in milliseconds; `null` forever. It must cover Kler's
   * whole retry window. Deliveries with no signed time (body-hmac, or `toleranceSeconds:
   * Infinity`) can be replayed at any time, so for them only `null` is accepted.
   * @default 259_200_000 (3 days) for Standard Webhooks; `null` with no signed time
   */
  retainMs?: number | null;
}

/** Options of `handler.drain`. */
export interface WebhookDrainOptions {
  /** The most units of work to run. @default Infinity */
  limit?: number;
  /** How many run at once. @default 4 */
  concurrency?: number;
}

/** What `handler.drain` did. */
export interface WebhookDrainResult {
  /** Units of work done. */
  readonly processed: number;
  /** Units of work that failed and wait for a retry. */
  readonly failed: number;
  /** Units of work dead-lettered. */
  readonly deadLettered: number;
  /** Units of work whose lease expired before they finished (another attempt owns them now). */
  readonly leaseLost: number;
}

/** Options of `handler.worker`. */
export interface WebhookWorkerOptions {
  /** How many units of work run at once. @default 4 */
  concurrency?: number;
  /** How often to look for work when the inbox is empty, in milliseconds. @default 1_000 */
  pollMs?: number;
}

/** A running inbox worker. */
export interface WebhookWorker {
  /**
   * Stops leasing new work, aborts the work in hand's `signal`, and resolves once that work has
   * settled: finished work is recorded done; work that stopped on the signal is handed back
   * for the next worker, not counted as a failure.
   */
  stop(): Promise<void>;
}

/** A framework-neutral answer: what to send back to Kler. */
export interface WebhookAnswer {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers (`content-type`, and `retry-after` for 409/503). */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body: `{ status }` on success, `{ error }` on failure. */
  readonly body: string;
}

/** A Node request as `node:http`, Express and Fastify's `request.raw` hand it over (structurally). */
export interface NodeWebhookRequest {
  /** The HTTP method. */
  readonly method?: string | undefined;
  /** The request headers. */
  readonly headers: WebhookHeaders;
  /** Set by body parsers: a raw `Buffer`/string is used as is, anything else means "already parsed". */
  readonly body?: unknown;
  /** Whether the stream was read to its end already. */
  readonly readableEnded?: boolean;
  /** Whether anything read the stream already. */
  readonly readableDidRead?: boolean;
  /** Subscribes to the stream (`data`, `end`, `error`, `aborted`). */
  on(event: 'data' | 'end' | 'error' | 'aborted', listener: (value?: never) => void): unknown;
  /** Unsubscribes. */
  removeListener(event: 'data' | 'end' | 'error' | 'aborted', listener: (value?: never) => void): unknown;
  /** Stops the flow of `data` events. */
  pause?(): unknown;
}

/** A Node response as `node:http`, Express and Fastify's `reply.raw` hand it over (structurally). */
export interface NodeWebhookResponse {
  /** The status to send. */
  statusCode: number;
  /** Sets one header. */
  setHeader(name: string, value: string): unknown;
  /** Sends the body and ends the response. */
  end(body: string): unknown;
  /** Whether the headers went out already. */
  readonly headersSent?: boolean;
}

/** What `createWebhookHandler` returns: one door per runtime, and the inbox controls. */
export interface WebhookHandler {
  /** The Fetch API door: Workers, Bun, Deno, Next.js App Router, Hono (`c.req.raw`). */
  fetch(request: Request): Promise<Response>;
  /**
   * The Node door: `node:http`, Express, Fastify (`request.raw`, `reply.raw` after
   * `reply.hijack()`). Reads the raw body itself; never rejects.
   */
  node(req: NodeWebhookRequest, res: NodeWebhookResponse): Promise<void>;
  /** The door for a raw body already in hand (any framework): the answer to send. Never rejects. */
  receive(delivery: {
    /** The raw body, exactly as received. */
    body: string | Uint8Array;
    /** The request headers. */
    headers: WebhookHeaders;
  }): Promise<WebhookAnswer>;
  /** Inbox: runs the work that is available now, then resolves with what happened. */
  drain(options?: WebhookDrainOptions): Promise<WebhookDrainResult>;
  /** Inbox: starts a loop running work as it becomes available, until `stop()`. */
  worker(options?: WebhookWorkerOptions): WebhookWorker;
  /** Inbox: the dead-lettered units of work, oldest first. */
  deadLetters(options?: {
    /** The most to list. */
    limit?: number;
  }): Promise<WebhookInboxRecord[]>;
  /** Inbox: puts a dead letter back to work (attempts counted afresh); `false` if `key` is not dead. */
  replay(key: string): Promise<boolean>;
}
