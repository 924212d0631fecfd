/**
 * `@kler/sdk/webhooks` must load on edge runtimes: no static import of ky (the HTTP client has no
 * business there) or of any `node:` module, in the sources and in the built files. The one package
 * it imports is zod: event bodies are checked with the SDK's zod schemas.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importsReachableFrom, ROOT, WEBHOOKS_SOURCE, type ImportRecord } from './bundle.js';

// ky in any form (the client imports it lazily, on the first request); `node:` modules and msw
// statically (a dynamic `node:` import behind a runtime check is allowed).
const forbidden = (records: ImportRecord[]) =>
  records.filter((r) => /^ky(\/|$)/.test(r.path) || (r.kind !== 'dynamic-import' && (/^node:/.test(r.path) || r.path === 'msw')));

describe('the webhooks entry', () => {
  it('imports neither ky nor node: modules, from its sources', async () => {
    const records = await importsReachableFrom(WEBHOOKS_SOURCE);
    expect(records.length).toBeGreaterThan(5);
    expect(forbidden(records)).toEqual([]);
    // No package but zod (type-only imports are erased).
    const packages = new Set(records.filter((r) => !r.path.startsWith('src/')).map((r) => r.path));
    expect([...packages].sort()).toEqual(['zod/mini', 'zod/v4/core']);
  });

  it('is checked by a test that does notice ky where it is used (the client)', async () => {
    const records = await importsReachableFrom(`${ROOT}src/core/http.ts`);
    expect(forbidden(records).map((r) => r.path)).toContain('ky');
  });

  const built = `${ROOT}dist/webhooks.js`;
  it.skipIf(!existsSync(built))('imports neither ky nor node: modules in dist/webhooks.js and its chunks, and zod as a package', async () => {
    const records = await importsReachableFrom(built);
    expect(forbidden(records)).toEqual([]);
    // zod stays a dependency (never bundled): users' zod and the SDK's schemas are one library.
    expect(records.some((r) => r.path === 'zod/mini')).toBe(true);
  });
});
