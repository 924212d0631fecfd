/**
 * ky, imported on the first request instead of with the SDK. Importing ky builds a `Request` to
 * feature-detect streamed bodies, and on Node that loads the whole fetch implementation (undici,
 * ~35 ms here): a cost the first request pays anyway, but an app that imports the SDK and sends
 * nothing yet (a cold start answering a health check, a route that never calls Kler, a CLI's
 * `--help`) no longer pays it at import. `bench/import-time.ts` measures both moments.
 */
import type * as Ky from 'ky';

type KyParts = typeof import('./ky-parts.js');

let loaded: KyParts | undefined;
let loading: Promise<KyParts> | undefined;

/** ky (the parts the SDK uses), imported once per process (every client shares it). */
export function loadKy(): Promise<KyParts> {
  // A failed import is not kept here, so a later request imports again; Node itself may keep the
  // failed resolution until the process restarts, which the error message says.
  return (loading ??= import('./ky-parts.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

// ky's error guards. An error can only be one of ky's once ky is loaded, so before that the
// answer is `false` without importing anything.
/** Whether `error` is ky's HTTPError (a non-2xx answer). */
export const isHTTPError = (error: unknown): error is Ky.HTTPError => loaded?.isHTTPError(error) ?? false;
/** Whether `error` is ky's TimeoutError (an attempt ran out of time). */
export const isTimeoutError = (error: unknown): error is Ky.TimeoutError => loaded?.isTimeoutError(error) ?? false;
/** Whether `error` is ky's NetworkError (fetch itself failed). */
export const isNetworkError = (error: unknown): error is Ky.NetworkError => loaded?.isNetworkError(error) ?? false;
