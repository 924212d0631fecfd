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
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined | null>>;

/** Case-insensitive access to the headers of one delivery. */
export interface HeaderReader {
  /** Every value sent under `name` (several when a proxy duplicated the header), trimmed. */
  all(name: string): string[];
  /** The header names present, lower-case (for hints in error messages). */
  names(): string[];
}

/** Wraps `headers` in a reader; anything unusable reads as "no headers at all". */
export function readHeaders(headers: unknown): HeaderReader {
  if (headers && typeof (headers as { get?: unknown }).get === 'function') {
    return new FetchHeaderReader(headers as FetchLike);
  }
  if (headers && typeof headers === 'object') return new RecordHeaderReader(headers as Record<string, unknown>);
  return NO_HEADERS;
}

const NO_HEADERS: HeaderReader = { all: () => [], names: () => [] };

interface FetchLike {
  get(name: string): string | null;
  keys?: () => Iterable<string>;
}

/** A Fetch `Headers` (or anything with `get`): already case-insensitive, duplicates joined. */
class FetchHeaderReader implements HeaderReader {
  readonly #headers: FetchLike;

  constructor(headers: FetchLike) {
    this.#headers = headers;
  }

  all(name: string): string[] {
    let value: unknown;
    try {
      value = this.#headers.get(name);
    } catch {
      return [];
    }
    return typeof value === 'string' ? [value.trim()] : [];
  }

  names(): string[] {
    try {
      const keys = this.#headers.keys;
      return typeof keys === 'function' ? [...keys.call(this.#headers)].map((k) => String(k).toLowerCase()) : [];
    } catch {
      return [];
    }
  }
}

/** Node's `IncomingHttpHeaders` or a plain object. */
class RecordHeaderReader implements HeaderReader {
  readonly #record: Record<string, unknown>;
  #lower: Map<string, unknown> | undefined;

  constructor(record: Record<string, unknown>) {
    this.#record = record;
  }

  all(name: string): string[] {
    // Node lower-cases keys already, so the direct look-up is the common case.
    const direct = Object.hasOwn(this.#record, name) ? this.#record[name] : undefined;
    const value = direct !== undefined ? direct : this.#table().get(name);
    if (typeof value === 'string') return [value.trim()];
    const values = Array.isArray(value) ? value : [value];
    return values.flatMap((v) => (typeof v === 'string' ? [v.trim()] : typeof v === 'number' ? [String(v)] : []));
  }

  names(): string[] {
    return [...this.#table().keys()];
  }

  /** Lower-cased keys; two keys differing only in case are two copies of one header. */
  #table(): Map<string, unknown> {
    if (!this.#lower) {
      this.#lower = new Map();
      for (const key of Object.keys(this.#record)) {
        const name = key.toLowerCase();
        const value = this.#record[key];
        const previous = this.#lower.get(name);
        this.#lower.set(name, previous === undefined ? value : [previous, value].flat());
      }
    }
    return this.#lower;
  }
}
