/**
 * A loopback stand-in for Kler's webhook sender: each delivery is signed per attempt (Standard
 * Webhooks, same `webhook-id` on every attempt), POSTed to one of the receivers behind a
 * "load balancer" (round robin over those still accepting connections), and retried on any
 * non-2xx answer or connection error with exponential backoff, up to 5 times — as Kler does.
 */
import { request } from 'node:http';

type Sign = (options: { payload: string; secret: string; id: string }) => Promise<Record<string, string>>;

export interface KlerSenderOptions {
  readonly sign: Sign;
  readonly secret: string;
  /** Receiver URLs; one that refuses connections is dropped, as a load balancer would. */
  readonly targets: string[];
  /** Wait before the first retry; doubling after. */
  readonly baseDelayMs: number;
  /** Kler retries up to 5 times. */
  readonly maxRetries: number;
}

export interface DeliveryOutcome {
  readonly delivered: boolean;
  readonly attempts: number;
  readonly statuses: readonly (number | string)[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** POSTs once; resolves with the status, or the error code when there was no answer. */
function post(url: string, body: string, headers: Record<string, string>): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve('ECONNRESET'));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'ERROR'));
    req.end(body);
  });
}

export class KlerSender {
  readonly #options: KlerSenderOptions;
  readonly #live: string[];
  #next = 0;
  /** Every POST made, answered or not. */
  requests = 0;

  constructor(options: KlerSenderOptions) {
    this.#options = options;
    this.#live = [...options.targets];
  }

  #target(): string | undefined {
    if (this.#live.length === 0) return undefined;
    this.#next = (this.#next + 1) % this.#live.length;
    return this.#live[this.#next];
  }

  /** Delivers `body` under `webhookId`, retrying like Kler; never throws. */
  async deliver(body: string, webhookId: string): Promise<DeliveryOutcome> {
    const { sign, secret, baseDelayMs, maxRetries } = this.#options;
    const statuses: (number | string)[] = [];
    for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
      if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2));
      const url = this.#target();
      if (!url) break;
      const headers = await sign({ payload: body, secret, id: webhookId });
      this.requests++;
      const status = await post(url, body, headers);
      statuses.push(status);
      if (typeof status === 'number' && status >= 200 && status < 300) return { delivered: true, attempts: attempt, statuses };
      if (status === 'ECONNREFUSED' && this.#live.includes(url)) this.#live.splice(this.#live.indexOf(url), 1);
    }
    return { delivered: false, attempts: statuses.length, statuses };
  }
}
