/**
 * The parts of ky the SDK uses, for `ky-module.ts` to import lazily. A bundler keeps every export
 * of a module reached through `import()`; importing this module instead of `ky` itself lets it
 * drop the rest of ky (a kilobyte or two of every client bundle).
 */
export { default as ky, isHTTPError, isNetworkError, isTimeoutError } from 'ky';
