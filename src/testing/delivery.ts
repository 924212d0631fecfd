/**
 * Webhook delivery as Kler does it: POST the event to the session's `webhook_url`, and on a
 * non-2xx answer or a network error retry up to 5 times with exponential backoff. Each attempt
 * is signed with Standard Webhooks under the same message id, so receivers can dedupe.
 */
import { signWebhook } from '../webhooks/sign.js';
import { sleep } from './dispatch.js';

/** One attempt to deliver a webhook. */
export interface WebhookAttempt {
  /** 1 for the first delivery, 2 for the first retry, … */
  readonly attempt: number;
  /** The receiver's HTTP status, when it answered. */
  readonly status: number | undefined;
  /** Why the attempt failed without an answer (refused, timed out…). */
  readonly error: string | undefined;
}

/** How a webhook delivery went. */
export interface WebhookDeliveryReport {
  /** Where it was sent: the session's `webhook_url`. */
  readonly url: string;
  /** The `webhook-id` header, the same on every attempt and redelivery of this transaction. */
  readonly webhookId: string;
  /** Whether the receiver answered 2xx. */
  readonly delivered: boolean;
  /** How many attempts were made (at most 6: the first and 5 retries). */
  readonly attempts: number;
  /** The status of the last attempt, `undefined` if it got no answer. */
  readonly lastStatus: number | undefined;
  /** Every attempt, in order. */
  readonly history: readonly WebhookAttempt[];
}

export interface DeliveryConfig {
  readonly secret: string;
  /** Wait before the first retry; each later retry waits twice as long. */
  readonly baseDelayMs: number;
  readonly maxRetries: number;
  /** How long to wait for each answer. */
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
}

/** Sends `payload` to `url`, retrying as Kler does, and reports how it went (never throws). */
export async function deliverWebhook(
  url: string,
  payload: string,
  webhookId: string,
  config: DeliveryConfig,
): Promise<WebhookDeliveryReport> {
  const history: WebhookAttempt[] = [];
  for (let attempt = 1; attempt <= config.maxRetries + 1; attempt++) {
    if (attempt > 1) await sleep(config.baseDelayMs * 2 ** (attempt - 2));
    const result = await attemptOnce(url, payload, webhookId, config);
    history.push({ attempt, ...result });
    if (result.status !== undefined && result.status >= 200 && result.status < 300) {
      return report(url, webhookId, true, history);
    }
  }
  return report(url, webhookId, false, history);
}

async function attemptOnce(
  url: string,
  payload: string,
  webhookId: string,
  config: DeliveryConfig,
): Promise<{ status: number | undefined; error: string | undefined }> {
  // Signed per attempt with the current time, as Standard Webhooks senders do, so a retry
  // minutes later still passes the receiver's timestamp tolerance.
  const signature = await signWebhook({ payload, secret: config.secret, id: webhookId });
  try {
    const response = await config.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Kler-Webhooks/mock', ...signature },
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    await response.body?.cancel();
    return { status: response.status, error: undefined };
  } catch (error) {
    return { status: undefined, error: describe(error) };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function report(url: string, webhookId: string, delivered: boolean, history: WebhookAttempt[]): WebhookDeliveryReport {
  return { url, webhookId, delivered, attempts: history.length, lastStatus: history.at(-1)?.status, history };
}
