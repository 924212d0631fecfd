/**
 * `createWebhookHandler`'s options, checked and with defaults filled in, so every mistake is
 * reported when the handler is created rather than at the first delivery.
 */
import { KlerConfigurationError, KlerError } from '../core/errors.js';
import { tracerOf, type KlerTracer } from '../core/telemetry.js';
import type { AnyKlerWebhookEvent, KlerWebhookEvent } from '../schemas/webhook-event.js';
import { KNOWN_WEBHOOK_EVENTS } from '../schemas/webhook-event-types.js';
import { resolveBodyHmac } from './body-hmac.js';
import type { WebhookEventHandler, WebhookHandlerEvent, WebhookHandlerOptions, WebhookErrorInfo } from './handler-types.js';
import type { WebhookHeaders } from './headers.js';
import { createMemoryWebhookStore } from './memory-store.js';
import { parseSecrets } from './secret.js';
import type { WebhookInboxStore, WebhookStore } from './store.js';
import { checkTolerance } from './time.js';
import { verifyWebhook } from './verify.js';

/** Three days: Kler's retry schedule is undocumented; Standard Webhooks senders retry for about a day. */
const DEFAULT_RETAIN_MS = 259_200_000;

/** The checked configuration every part of the handler reads. */
export interface HandlerConfig {
  readonly mode: 'inline' | 'inbox';
  readonly store: WebhookStore;
  /** The store as an inbox; `undefined` when it is not one. */
  readonly inbox: WebhookInboxStore | undefined;
  /** Verifies a raw delivery; `undefined` when neither `secret` nor `client` was given. */
  readonly verify: ((payload: Uint8Array | string, headers: WebhookHeaders) => Promise<KlerWebhookEvent>) | undefined;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly retainMs: number | null;
  /** Where the delivery and work spans go; `undefined` for none. */
  readonly tracer: KlerTracer | undefined;
  /** The handler function for `event`, or `undefined` when nothing is to be done with it. */
  handlerFor(event: AnyKlerWebhookEvent): WebhookEventHandler<AnyKlerWebhookEvent> | undefined;
  /** Calls `onError` (or logs); never throws. */
  report(error: unknown, info: Partial<WebhookErrorInfo> & Pick<WebhookErrorInfo, 'phase'>): void;
  /** Calls `onEvent`; never throws. */
  emit(event: WebhookHandlerEvent): void;
}

const INBOX_METHODS = ['enqueue', 'lease', 'fail', 'deadLetters', 'replay'] as const;
const STORE_METHODS = ['claim', 'complete', 'release'] as const;

/** Checks `options` and fills in the defaults. @throws {KlerConfigurationError} */
export function resolveHandlerConfig(options: WebhookHandlerOptions): HandlerConfig {
  if (!options || typeof options !== 'object') {
    throw new KlerConfigurationError('createWebhookHandler takes one object: { secret, on: { "transaction.received": … } }.');
  }
  const mode = options.mode ?? 'inline';
  if (mode !== 'inline' && mode !== 'inbox') throw new KlerConfigurationError(`mode must be 'inline' or 'inbox', got ${JSON.stringify(mode)}.`);
  const store = options.store ?? createMemoryWebhookStore();
  const missing = STORE_METHODS.filter((name) => typeof (store as unknown as Record<string, unknown>)?.[name] !== 'function');
  if (missing.length > 0) throw new KlerConfigurationError(`The webhook store lacks ${missing.join(', ')}: pass a WebhookStore (createMemoryWebhookStore(), or a Redis/PostgreSQL store).`);
  const inboxMissing = INBOX_METHODS.filter((name) => typeof (store as unknown as Record<string, unknown>)[name] !== 'function');
  const inbox = inboxMissing.length === 0 ? (store as WebhookInboxStore) : undefined;
  if (mode === 'inbox' && !inbox) {
    throw new KlerConfigurationError(`mode: 'inbox' needs a WebhookInboxStore, but the store lacks ${inboxMissing.join(', ')}.`);
  }

  const { scheme, client, secret } = options;
  if (scheme?.type === 'body-hmac') resolveBodyHmac(scheme);
  const toleranceSeconds = checkTolerance(options.toleranceSeconds);
  if (secret !== undefined) parseSecrets(secret);
  if (client !== undefined && typeof client?.webhooks?.verify !== 'function') {
    throw new KlerConfigurationError('`client` must be a KlerClient (something with webhooks.verify).');
  }
  if (secret === undefined && client === undefined && mode === 'inline') {
    throw new KlerConfigurationError(
      'createWebhookHandler needs `secret` (the endpoint\'s whsec_… signing secret) or `client` to verify deliveries. Only a handler that just works an inbox (mode: "inbox") may go without.',
    );
  }
  const verifyOptions = { scheme, toleranceSeconds: options.toleranceSeconds };
  const verify =
    secret !== undefined
      ? (payload: Uint8Array | string, headers: WebhookHeaders) => verifyWebhook({ ...verifyOptions, secret, payload, headers })
      : client !== undefined
        ? (payload: Uint8Array | string, headers: WebhookHeaders) => client.webhooks.verify({ ...verifyOptions, payload, headers })
        : undefined;

  // No signed time (body-hmac, or the timestamp check switched off): a captured delivery
  // verifies forever, so its done key must be kept forever.
  const unsignedTime = scheme?.type === 'body-hmac' || toleranceSeconds === Infinity;
  const retainMs = options.retainMs === undefined ? (unsignedTime ? null : DEFAULT_RETAIN_MS) : options.retainMs;
  if (retainMs !== null) {
    positive('retainMs', retainMs, 'or null to keep done keys forever');
    if (unsignedTime) {
      throw new KlerConfigurationError(
        `retainMs must be null with ${scheme?.type === 'body-hmac' ? 'the body-hmac scheme' : 'toleranceSeconds: Infinity'}: such deliveries carry no signed time, so a replay verifies at any time and a forgotten key would be worked again.`,
      );
    }
  }

  const onError = options.onError ?? defaultOnError;
  const { on = {}, onUnknown, onEvent } = options;
  const known = KNOWN_WEBHOOK_EVENTS as readonly string[];
  return {
    mode,
    store,
    inbox,
    verify,
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes ?? 1_048_576),
    bodyTimeoutMs: positive('bodyTimeoutMs', options.bodyTimeoutMs ?? 10_000),
    leaseMs: positive('leaseMs', options.leaseMs ?? 60_000),
    maxAttempts: whole('maxAttempts', options.maxAttempts ?? 10),
    retryDelayMs: positive('retryDelayMs', options.retryDelayMs ?? 1_000),
    maxRetryDelayMs: positive('maxRetryDelayMs', options.maxRetryDelayMs ?? 600_000),
    retainMs,
    tracer: tracerOf(options.tracer),
    handlerFor: (event) =>
      (known.includes(event.event) ? on[event.event as keyof typeof on] : onUnknown) as WebhookEventHandler<AnyKlerWebhookEvent> | undefined,
    report(error, info) {
      try {
        onError(error, { key: undefined, attempt: undefined, ...info });
      } catch {
        // A failing error reporter must not turn a handled failure into a lost answer.
      }
    },
    emit(event) {
      try {
        onEvent?.(event);
      } catch {
        // Observation never changes the outcome.
      }
    },
  };
}

function positive(name: string, value: number, alternative = ''): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new KlerConfigurationError(`${name} must be a positive number of ${name.endsWith('Bytes') ? 'bytes' : 'milliseconds'}${alternative ? `, ${alternative}` : ''}; got ${String(value)}.`);
  }
  return value;
}

function whole(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new KlerConfigurationError(`${name} must be a whole number of 1 or more, got ${String(value)}.`);
  return value;
}

function defaultOnError(error: unknown, info: WebhookErrorInfo): void {
  const what = KlerError.is(error) || error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`[@kler/sdk webhooks] ${info.phase} error${info.key ? ` on ${info.key}` : ''}${info.attempt ? ` (attempt ${info.attempt})` : ''}: ${what}`);
}
