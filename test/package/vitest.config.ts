import { defineConfig } from 'vitest/config';

/**
 * The packed-tarball suite (`npm run test:package`): it needs `dist/` (run `npm run build`
 * first) and installs into a temp project, so it stays out of the unit suite's glob
 * (`*.spec.ts`, not `*.test.ts`) and has its own config.
 */
export default defineConfig({
  test: {
    include: ['test/package/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
