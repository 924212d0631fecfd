import { defineConfig } from 'vitest/config';

/**
 * Runs `examples/testing-with-msw.ts` as the vitest suite it is (from test/examples/examples.test.ts):
 * no setup file, since the example starts its own MSW server.
 */
export default defineConfig({
  test: {
    include: ['examples/testing-with-msw.ts'],
    testTimeout: 20_000,
  },
});
