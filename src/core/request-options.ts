import { KlerConfigurationError } from './errors.js';
import type { RequestOptions } from './http.js';

/**
 * The per-call `options` argument, checked before anything is sent: `undefined` means none, and
 * anything but a plain object (`null`, a string, a number) is refused with a message naming it,
 * rather than failing later with a raw `TypeError`. The numbers are checked by the transport.
 */
export function checkRequestOptions(options: unknown): RequestOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new KlerConfigurationError(
      `options must be an object such as { timeout: 5_000 } (or left out), got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}.`,
    );
  }
  const { signal } = options as { signal?: unknown };
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new KlerConfigurationError('options.signal must be an AbortSignal, such as AbortSignal.timeout(5_000) or controller.signal.');
  }
  const { headers } = options as { headers?: unknown };
  if (headers !== undefined) {
    try {
      new Headers(headers as HeadersInit);
    } catch {
      // Named, never quoted: the value may be a secret (the runtime's own message quotes it).
      const entries = headers !== null && typeof headers === 'object' && !(headers instanceof Headers) ? Object.entries(headers) : [];
      const bad = entries.find(([name, value]) => {
        try {
          new Headers([[name, String(value)]]);
          return false;
        } catch {
          return true;
        }
      });
      throw new KlerConfigurationError(
        `options.headers${bad ? `[${JSON.stringify(bad[0].slice(0, 64))}]` : ''} cannot be sent: names must be tokens, values ASCII without line breaks.`,
      );
    }
  }
  return options as RequestOptions;
}
