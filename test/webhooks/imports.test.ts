/**
 * `@kler/sdk/webhooks` must load on edge runtimes: no import of ky (the HTTP client has no
 * business there) and no static import of any `node:` module, in the sources and in the built
 * files. The one package it imports is zod, and only dynamically: a valid delivery is accepted by
 * the fast path generated from the zod schemas, and zod's interpreter is loaded (src/webhooks/
 * event-check-loader.ts) the first time a body needs it, so a receiver's cold start does not load zod.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importsReachableFrom, loadedAtImport, ROOT, WEBHOOKS_SOURCE, type ImportRecord } from './bundle.js';

// ky in any form (the client imports it lazily, on the first request); `node:` modules and msw
// statically (a dynamic `node:` import behind a runtime check is allowed).
const forbidden = (records: ImportRecord[]) =>
  records.filter((r) => /^ky(\/|$)/.test(r.path) || (r.kind !== 'dynamic-import' && (/^node:/.test(r.path) || r.path === 'msw')));

describe('the webhooks entry', () => {
  it('imports neither ky nor node: modules, from its sources', async () => {
    const records = await importsReachableFrom(WEBHOOKS_SOURCE);
    expect(records.length).toBeGreaterThan(5);
    expect(forbidden(records)).toEqual([]);
    // No package but zod (type-only imports are erased), and zod not at import.
    const packages = (list: ImportRecord[]) => [...new Set(list.filter((r) => !r.path.startsWith('src/')).map((r) => r.path))].sort();
    expect(packages(records)).toEqual(['zod/mini', 'zod/v4/core']);
    const atImport = loadedAtImport(records, 'src/webhooks/index.ts');
    expect(atImport.length).toBeGreaterThan(5);
    expect(packages(atImport)).toEqual([]);
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
    // …imported by a chunk the entry loads with import(), not at import.
    const atImport = loadedAtImport(records, 'dist/webhooks.js');
    expect(atImport.length).toBeGreaterThan(3);
    expect(atImport.filter((r) => r.path.startsWith('zod'))).toEqual([]);
  });
});
