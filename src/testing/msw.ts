/**
 * The mock's MSW door: request handlers for `setupServer(...)`. The only module of the kit that
 * touches `msw`, an optional peer dependency, and only when `mock.handlers` is first read: so
 * `@kler/sdk/testing` (the fake, `listen()`, `kler mock`) imports and runs without msw.
 */
import type { HttpHandler } from 'msw';
import type { Dispatch } from './dispatch.js';
import { KlerMockError } from './errors.js';

type Msw = typeof import('msw');

let loaded: Msw | undefined;

/**
 * Loads msw synchronously, so `handlers` can stay a plain array property. A static import would
 * make msw required for the whole entry, and top-level await is ruled out (decision 1), so this
 * uses Node's `require(esm)` (Node 22.12+), which shares the module instance with the `import`
 * of msw in the user's test files.
 */
function loadMsw(): Msw {
  if (loaded) return loaded;
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const nodeModule = getBuiltin?.('node:module') as typeof import('node:module') | undefined;
  if (!nodeModule) {
    throw new KlerMockError('mock.handlers needs Node.js 22.12 or later (it loads msw with require). Elsewhere, use mock.listen() or the fake directly.');
  }
  try {
    loaded = nodeModule.createRequire(import.meta.url)('msw') as Msw;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      throw new KlerMockError(
        'mock.handlers needs msw, an optional peer dependency of @kler/sdk: npm install --save-dev msw. (mock.listen() works without it.)',
        { cause: error },
      );
    }
    throw error;
  }
  return loaded;
}

/** MSW handlers answering every request under `baseUrl` from the fake. */
export function createHandlers(dispatch: Dispatch, baseUrl: string): HttpHandler[] {
  const { http, HttpResponse } = loadMsw();
  const base = baseUrl.replace(/\/+$/, '');
  const answer = async ({ request }: { request: Request }) => {
    const outcome = await dispatch({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
    });
    // A network error for the client, as a dropped connection is on the HTTP door.
    if (outcome.kind === 'drop') return HttpResponse.error();
    return new HttpResponse(outcome.body, { status: outcome.status, headers: outcome.headers });
  };
  return [http.all(base, answer), http.all(`${base}/*`, answer)];
}
