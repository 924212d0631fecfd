/**
 * `@kler/sdk/testing` checks request bodies with the SDK's own zod schemas, never with the HTTP
 * client: the fake must load without ky (the transport it stands in for) and without msw until
 * `handlers` is read.
 */
import { describe, expect, it } from 'vitest';
import { importsReachableFrom, ROOT } from '../webhooks/bundle.js';

describe('the testing entry', () => {
  it('statically imports no package but zod: not ky, not msw', async () => {
    const records = await importsReachableFrom(`${ROOT}src/testing/index.ts`);
    expect(records.length).toBeGreaterThan(10);
    const packages = records.filter((r) => r.kind !== 'dynamic-import' && !r.path.startsWith('src/'));
    // zod/v4/core: the builders of the timestamp schemas (see schemas/common.ts), part of zod/mini anyway.
    expect([...new Set(packages.map((r) => r.path))].sort()).toEqual(['zod/mini', 'zod/v4/core']);
  });
});
