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
  if (typeof (headers as FetchLike | null)?.get === 'function') {
    // Already case-insensitive, with duplicates joined. A foreign `get` may throw: then the
    // header is simply absent.
    const fetchHeaders = headers as FetchLike;
    return {
      all(name) {
        const value = attempt(() => fetchHeaders.get(name));
        return typeof value === 'string' ? [value.trim()] : [];
      },
      names: () => attempt(() => [...fetchHeaders.keys!()].map((key) => String(key).toLowerCase())) ?? [],
    };
  }
  const record = (headers && typeof headers === 'object' ? headers : {}) as Record<string, unknown>;
  // Lower-cased keys; two keys differing only in case are two copies of one header.
  let lower: Map<string, unknown> | undefined;
  const table = (): Map<string, unknown> => {
    if (!lower) {
      lower = new Map();
      for (const [key, value] of Object.entries(record)) {
        const previous = lower.get(key.toLowerCase());
        lower.set(key.toLowerCase(), previous === undefined ? value : [previous, value].flat());
      }
    }
    return lower;
  };
  return {
    all(name) {
      // Node lower-cases keys already, so the direct look-up is the common case.
      const value = Object.hasOwn(record, name) && record[name] !== undefined ? record[name] : table().get(name);
      if (typeof value === 'string') return [value.trim()];
      return [value].flat().flatMap((v) => (typeof v === 'string' ? [v.trim()] : typeof v === 'number' ? [String(v)] : []));
    },
    names: () => [...table().keys()],
  };
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
