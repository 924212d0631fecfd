import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

/**
 * The engine suite (`npm run test:engines`): the webhook stores against real Redis, PostgreSQL
 * and workerd, which the tests start themselves (test/engines/*.ts). It runs after the unit
 * suite rather than beside it, so three database servers do not starve the unit suite's
 * timing-sensitive tests of CPU; its files are `*.spec.ts` to stay out of the unit glob.
 */
export default defineConfig({
  define: { __KLER_SDK_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/engines/**/*.spec.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    // Starting an engine can include `apt-get install` on a machine that lacks it.
    hookTimeout: 600_000,
  },
});
