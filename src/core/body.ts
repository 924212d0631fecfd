/**
 * Reading response bodies so that no server can make the SDK hold unbounded memory or wait
 * past the timeout: every body (2xx and errors alike) is read inside the `fetch` that ky calls,
 * so ky's per-attempt `timeout` covers the body as well as the headers, a body that breaks off
 * is a network error (retried on GET, in doubt on POST), and a body over `maxResponseBytes`
 * stops the read, releases the connection and fails with `KlerResponseTooLargeError`.
 */
import { concatBytes } from './bytes.js';
import { KlerError } from './errors.js';

export { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

/** The default `maxResponseBytes`: 50 MiB, far above any Kler answer (a 100-row page is ~50 kB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/** Statuses whose `Response` may not have a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Kler's answer was larger than `maxResponseBytes`. Reading stopped at the cap and the connection
 * was closed, so a broken or hostile server cannot exhaust memory. On a POST or PATCH, Kler may
 * have acted on the request: check before sending it again.
 */
export class KlerResponseTooLargeError extends KlerError {
  static override readonly kind: string = 'KlerResponseTooLargeError';
  /** The cap that was exceeded, in bytes. */
  declare readonly maxResponseBytes: number;
  /** The HTTP status the oversized answer came with. */
  declare readonly status: number;

  constructor(message: string, init: { maxResponseBytes: number; status: number }) {
    super(message);
    this.maxResponseBytes = init.maxResponseBytes;
    this.status = init.status;
  }
}

/** What the bounded fetch needs to know about the call it serves. */
export interface BodyLimits {
  /** Largest body accepted, in bytes. */
  maxResponseBytes: number;
  /** `GET /v1/...`, for messages. */
  describe: string;
  /** Called when a request is handed to the network, so an abort can tell "never sent". */
  onSend?: () => void;
}

/**
 * `fetch` that resolves only once the whole body is in memory, at most `maxResponseBytes` of it,
 * and hands ky a buffered `Response`. ky calls it inside its timeout, so the timeout covers the
 * body too.
 */
export function boundedFetch(inner: typeof globalThis.fetch, limits: BodyLimits): typeof globalThis.fetch {
  return async (input, init) => {
    const signal = input instanceof Request ? input.signal : (init?.signal ?? undefined);
    // Aborted before this attempt started: it never leaves, and the transport can say so.
    if (signal?.aborted) throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
    limits.onSend?.();
    const response = await inner(input, init);
    // An opaque redirect (browsers, with `redirect: 'manual'`) has status 0 and no readable body.
    if (response.status === 0 || !response.body) return response;
    const bytes = await readCapped(response, limits, signal);
    return bufferedResponse(NULL_BODY_STATUSES.has(response.status) ? new Uint8Array(0) : bytes, response);
  };
}

const utf8 = new TextDecoder();

type BufferedResponseClass = new (bytes: Uint8Array<ArrayBuffer>, from: Response) => Response;
let BufferedResponse: BufferedResponseClass | undefined;

/**
 * A `Response` whose body is already in memory. Built without a body stream (constructing one,
 * then reading it back, costs more per call than the rest of the SDK's own work), it answers
 * the reads ky makes (`text`, `arrayBuffer`, `clone`) from the bytes. The class is defined on
 * first use: `extends Response` at module level reads the global `Response`, which on Node
 * loads the whole fetch implementation (undici, ~35 ms) when the SDK is imported.
 */
function bufferedResponse(bytes: Uint8Array<ArrayBuffer>, from: Response): Response {
  BufferedResponse ??= class extends Response {
    readonly #bytes: Uint8Array<ArrayBuffer>;

    constructor(bytes: Uint8Array<ArrayBuffer>, from: Response) {
      super(null, { status: from.status, statusText: from.statusText, headers: from.headers });
      this.#bytes = bytes;
    }

    override text(): Promise<string> {
      return Promise.resolve(utf8.decode(this.#bytes));
    }

    override json(): Promise<unknown> {
      return this.text().then((text) => JSON.parse(text) as unknown);
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return Promise.resolve(this.#bytes.slice().buffer);
    }

    override clone(): Response {
      return bufferedResponse(this.#bytes, this);
    }
  };
  return new BufferedResponse(bytes, from);
}

async function readCapped(response: Response, limits: BodyLimits, signal: AbortSignal | null | undefined): Promise<Uint8Array<ArrayBuffer>> {
  const { maxResponseBytes: max, describe } = limits;
  const tooLarge = (what: string) =>
    new KlerResponseTooLargeError(
      `${describe}: the answer (status ${response.status}) ${what}, over maxResponseBytes (${max} bytes); the connection ` +
        'was closed. To accept it, raise maxResponseBytes on the client or the call.',
      { maxResponseBytes: max, status: response.status },
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body!.cancel().catch(() => undefined);
    throw tooLarge(`declares ${declared} bytes`);
  }
  // A declared length within the cap bounds the body already (the HTTP client stops at it): read
  // it natively, which is much faster than chunk by chunk.
  if (Number.isFinite(declared) && response.headers.has('content-length')) {
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw brokeOff(error, signal, 0);
    }
  }
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(`passed ${max} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof KlerResponseTooLargeError) throw error;
    await reader.cancel().catch(() => undefined);
    throw brokeOff(error, signal, total);
  }
  return concatBytes(chunks, total);
}

/**
 * What a failed body read throws. A timeout or the caller's abort stays itself, for ky and the
 * transport to report as such; anything else is a TypeError with a message ky treats as a
 * network error: retried on GET, "may have been processed" on POST, which is the truth once a
 * status line has arrived.
 */
function brokeOff(error: unknown, signal: AbortSignal | null | undefined, bytes: number): unknown {
  if (signal?.aborted) return signal.reason ?? error;
  return new TypeError('network error', {
    cause: new Error(`the answer broke off after ${bytes} bytes of its body`, { cause: error }),
  });
}
