/**
 * `@kler/sdk/webhooks` must load on edge runtimes: no static import of ky (the HTTP client has no
 * business there) or of any `node:` module, in the sources and in the built files. It imports no
 * package at all: event bodies are checked by hand, so zod stays out of its 8 kB budget.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importsReachableFrom, ROOT, WEBHOOKS_SOURCE, type ImportRecord } from './bundle.js';

const forbidden = (records: ImportRecord[]) =>
  records.filter((r) => r.kind !== 'dynamic-import' && (/^ky(\/|$)/.test(r.path) || /^node:/.test(r.path) || r.path === 'msw'));

describe('the webhooks entry', () => {
  it('imports neither ky nor node: modules, from its sources', async () => {
    const records = await importsReachableFrom(WEBHOOKS_SOURCE);
    expect(records.length).toBeGreaterThan(5);
    expect(forbidden(records)).toEqual([]);
    // No package at all: not even zod (type-only imports of the schemas' types are erased).
    expect(records.filter((r) => !r.path.startsWith('src/'))).toEqual([]);
  });

  it('is checked by a test that does notice ky where it is used (the client)', async () => {
    const records = await importsReachableFrom(`${ROOT}src/core/http.ts`);
    expect(forbidden(records).map((r) => r.path)).toContain('ky');
  });

  const built = `${ROOT}dist/webhooks.js`;
  it.skipIf(!existsSync(built))('imports neither ky nor node: modules, nor zod, in dist/webhooks.js and its chunks', async () => {
    const records = await importsReachableFrom(built);
    expect(forbidden(records)).toEqual([]);
    expect(records.filter((r) => /^zod(\/|$)/.test(r.path))).toEqual([]);
  });
});
