/**
 * Which network failures prove a request never left this machine (so even a POST may be sent
 * again): only a failure to connect or resolve, never one on an open connection.
 */
import { describe, expect, it } from 'vitest';
import { failedBeforeSending } from '../../src/core/retry-policy.js';

/** A Node-style system error, as undici nests it in `TypeError('fetch failed')`. */
const systemError = (code: string, syscall: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(`${syscall} ${code}`), { code, syscall }) });

describe('failedBeforeSending', () => {
  it.each([
    ['ECONNREFUSED', 'connect'],
    ['EHOSTUNREACH', 'connect'],
    ['ENETUNREACH', 'connect'],
    ['ENOTFOUND', 'getaddrinfo'],
  ])('%s on %s: never sent', (code, syscall) => {
    expect(failedBeforeSending(systemError(code, syscall))).toBe(true);
  });

  it.each([
    ['EHOSTUNREACH', 'read'],
    ['ENETUNREACH', 'write'],
    ['ECONNRESET', 'read'],
  ])('%s on %s (an open connection): may have been sent', (code, syscall) => {
    expect(failedBeforeSending(systemError(code, syscall))).toBe(false);
  });
});
