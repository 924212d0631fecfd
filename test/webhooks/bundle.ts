/** esbuild helpers for the webhook tests that look at what ships. */
import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEBHOOKS_SOURCE = `${ROOT}src/webhooks/index.ts`;

/** One module's imports, as esbuild saw them. */
export interface ImportRecord {
  from: string;
  path: string;
  kind: string;
}

/**
 * Every import reachable from `entry` through relative files (chunks or sources); packages and
 * `node:` modules are left external and reported, not followed.
 */
export async function importsReachableFrom(entry: string): Promise<ImportRecord[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    external: ['node:*'],
    metafile: true,
    logLevel: 'silent',
  });
  return flatten(result.metafile);
}

function flatten(metafile: Metafile): ImportRecord[] {
  return Object.entries(metafile.inputs).flatMap(([from, input]) =>
    input.imports.map((record) => ({ from, path: record.path, kind: record.kind })),
  );
}

/** The webhook entry bundled into one script that sets `globalThis.KlerWebhooks`. */
export async function webhooksIife(): Promise<string> {
  const result = await build({
    entryPoints: [WEBHOOKS_SOURCE],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'KlerWebhooks',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * The imports `entry` (a key of `records`' `from`, e.g. `src/webhooks/index.ts`) loads when it is
 * imported: static edges only. What a dynamic `import()` reaches loads later, when it runs.
 */
export function loadedAtImport(records: ImportRecord[], entry: string): ImportRecord[] {
  const byModule = new Map<string, ImportRecord[]>();
  for (const record of records) byModule.set(record.from, [...(byModule.get(record.from) ?? []), record]);
  const seen = new Set([entry]);
  const queue = [entry];
  const loaded: ImportRecord[] = [];
  while (queue.length > 0) {
    for (const record of byModule.get(queue.pop()!) ?? []) {
      if (record.kind === 'dynamic-import') continue;
      loaded.push(record);
      if (byModule.has(record.path) && !seen.has(record.path)) {
        seen.add(record.path);
        queue.push(record.path);
      }
    }
  }
  return loaded;
}
