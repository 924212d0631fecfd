/**
 * Reads request headers whatever form a framework hands them over in: a Fetch `Headers`, Node's
 * `IncomingHttpHeaders` (lower-case keys, `string | string[]` values), or a plain object with
 * keys in any case.
 */

/**
 * Request headers as frameworks provide them: a Fetch API `Headers` (Next.js, Hono, Workers,
 * Bun, Deno), Node's `req.headers` (Express, Fastify, `node:http`), or a plain object.
 */
export type WebhookHeaders =
  | Headers
  | {
      /** The value of header `name` (any case), or `null` when absent. */
      get(name: string): string | null;
    }
  | Readonly<Record<string, string | readonly string[] | number | undefined | null>>;

/** Case-insensitive access to the headers of one delivery. */
export interface HeaderReader {
  /** Every value sent under `name` (several when a proxy duplicated the header), trimmed. */
  all(name: string): string[];
  /** The header names present, lower-case (for hints in error messages). */
  names(): string[];
}

interface FetchLike {
  get(name: string): unknown;
  keys?: () => Iterable<string>;
}

/** Wraps `headers` in a reader; anything unusable reads as "no headers at all". */
export function readHeaders(headers: unknown): HeaderReader {
  if (typeof (headers as FetchLike | null)?.get === 'function') return new FetchHeaderReader(headers as FetchLike);
  return new RecordHeaderReader((headers && typeof headers === 'object' ? headers : {}) as Record<string, unknown>);
}

// Classes rather than object literals of closures: a delivery allocates one small object for
// its headers, not a closure per method (this runs once per verified webhook).

/** A `Headers` or anything with `get`: already case-insensitive, with duplicates joined. */
class FetchHeaderReader implements HeaderReader {
  readonly #headers: FetchLike;

  constructor(headers: FetchLike) {
    this.#headers = headers;
  }

  all(name: string): string[] {
    // A foreign `get` may throw: then the header is simply absent.
    const value = attempt(() => this.#headers.get(name));
    return typeof value === 'string' ? [value.trim()] : [];
  }

  names(): string[] {
    return attempt(() => [...this.#headers.keys!()].map((key) => String(key).toLowerCase())) ?? [];
  }
}

/** Node's `req.headers` or a plain object, keys in any case. */
class RecordHeaderReader implements HeaderReader {
  readonly #record: Record<string, unknown>;
  #lower: Map<string, unknown> | undefined;

  constructor(record: Record<string, unknown>) {
    this.#record = record;
  }

  all(name: string): string[] {
    // Node lower-cases keys already, so the direct look-up is the common case.
    const direct = Object.hasOwn(this.#record, name) ? this.#record[name] : undefined;
    const value = direct === undefined ? this.#table().get(name) : direct;
    if (typeof value === 'string') return [value.trim()];
    return [value].flat().flatMap((v) => (typeof v === 'string' ? [v.trim()] : typeof v === 'number' ? [String(v)] : []));
  }

  names(): string[] {
    return [...this.#table().keys()];
  }

  /** Lower-cased keys, built on first need; two keys differing only in case are two copies of one header. */
  #table(): Map<string, unknown> {
    if (!this.#lower) {
      this.#lower = new Map();
      for (const [key, value] of Object.entries(this.#record)) {
        const previous = this.#lower.get(key.toLowerCase());
        this.#lower.set(key.toLowerCase(), previous === undefined ? value : [previous, value].flat());
      }
    }
    return this.#lower;
  }
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
