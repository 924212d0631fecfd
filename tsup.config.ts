import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    webhooks: 'src/webhooks/index.ts',
    schemas: 'src/schemas/index.ts',
    testing: 'src/testing/index.ts',
    cli: 'src/cli/index.ts',
  },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  // One shared chunk per module (errors, schemas…) across entries, so `instanceof` and the
  // error brand are the same object whichever subpath a user imported first.
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  define: { __KLER_SDK_VERSION__: JSON.stringify(version) },
  external: ['msw', 'msw/node', /^node:/],
  // Keep `node:http` etc. as written: tsup strips the prefix by default, and Deno (and Workers'
  // nodejs_compat) only resolve built-ins with it.
  removeNodeProtocol: false,
});
