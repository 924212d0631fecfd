#!/usr/bin/env node
/**
 * `npm run size`: what each entry costs a user's bundle. Every row is bundled the same way —
 * esbuild, ESM, minified, tree-shaken, platform `browser` (the edge/browser build a user ships,
 * which also selects stripe's worker build), every dependency included — and gzipped at level 9.
 * A row imports everything its entry exports (`export * from …`), so the figure is the ceiling a
 * user pays, not a best case after tree-shaking.
 *
 * Our entries are measured from `dist/` (run `npm run build` first); `stripe` and `svix` from
 * node_modules, for comparison. Fails when an entry with a budget is over it.
 * `--json` prints the rows as JSON (used by `bench/run.mjs`).
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { assertBuilt, ROOT } from './lib/tarball.mjs';

const dist = (file) => JSON.stringify(join(ROOT, 'dist', file));

/** @type {{ name: string, source: string, budget?: number, note?: string }[]} */
// The root budget rose from 25 kB to 28 kB with the hardening of issue 14 (bounded bodies, the
// offset checks, per-currency audit, typed errors for bad input: about 2.5 kB); decision 12's
// rule, root <= stripe, still holds by a wide margin.
const ROWS = [
  { name: '@kler/sdk', source: `export * from ${dist('index.js')};`, budget: 28_000, note: 'client, all resources, errors' },
  { name: '@kler/sdk/webhooks', source: `export * from ${dist('webhooks.js')};`, budget: 8_000, note: 'verify, sign, events' },
  { name: '@kler/sdk/schemas', source: `export * from ${dist('schemas.js')};`, note: 'every zod schema' },
  { name: 'stripe', source: `export { default } from 'stripe';`, note: 'client (worker build)' },
  { name: 'svix', source: `export * from 'svix';`, note: 'client + webhook verifier' },
  { name: 'svix { Webhook }', source: `export { Webhook } from 'svix';`, note: 'webhook verifier only' },
];

/** Bundles one row and returns its minified and gzipped sizes and what its bytes are made of. */
async function measure({ source }) {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    legalComments: 'none',
    // The testing kit's optional peer is never part of a production bundle.
    external: ['msw', 'msw/*'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const owner = match ? match[1] : input.startsWith('dist/') ? '@kler/sdk' : 'other';
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
  }
  const total = [...byPackage.values()].reduce((sum, bytes) => sum + bytes, 0) || 1;
  const composition = [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .filter(([, bytes]) => bytes / total >= 0.02)
    .map(([owner, bytes]) => `${owner} ${Math.round((bytes / total) * 100)}%`)
    .join(', ');
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, composition, packages: [...byPackage.keys()] };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

export async function measureAll() {
  assertBuilt();
  const rows = [];
  for (const row of ROWS) rows.push({ ...row, ...(await measure(row)) });
  return rows;
}

export function printTable(rows) {
  const reference = rows.find((row) => row.name === '@kler/sdk');
  const table = rows.map((row) => ({
    entry: row.name,
    'min+gzip': kB(row.gzip),
    minified: kB(row.minified),
    budget: row.budget ? kB(row.budget) : '',
    status: row.budget ? (row.gzip <= row.budget ? 'ok' : 'OVER') : '',
    'vs @kler/sdk': reference ? `${(row.gzip / reference.gzip).toFixed(2)}x` : '',
    contents: row.composition,
    note: row.note ?? '',
  }));
  const columns = Object.keys(table[0]);
  const widths = columns.map((column) => Math.max(column.length, ...table.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of table) console.log(line(columns.map((column) => row[column])));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureAll();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
  else {
    console.log('Bundle size: esbuild (ESM, minified, tree-shaken, platform browser, deps included), gzip -9\n');
    printTable(rows);
  }
  // The webhook entry must stay free of the HTTP client (decision 8): it would also blow the budget.
  const webhooks = rows.find((row) => row.name === '@kler/sdk/webhooks');
  const leaked = webhooks.packages.filter((owner) => owner === 'ky');
  const over = rows.filter((row) => row.budget && row.gzip > row.budget);
  if (leaked.length > 0) console.error('\n✖ @kler/sdk/webhooks bundles ky: the webhook entry must not import the HTTP client.');
  for (const row of over) console.error(`\n✖ ${row.name} is ${kB(row.gzip)} min+gzip, over its ${kB(row.budget)} budget.`);
  process.exitCode = over.length > 0 || leaked.length > 0 ? 1 : 0;
}
