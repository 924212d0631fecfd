#!/usr/bin/env node
/**
 * `npm run size`: what each entry costs a user's bundle. Every row is bundled the same way —
 * esbuild, ESM, minified, tree-shaken, platform `browser` (the edge/browser build a user ships,
 * which also selects stripe's worker build), every dependency included — and gzipped at level 9.
 * A row imports everything its entry exports (`export * from …`), so the figure is the ceiling a
 * user pays, not a best case after tree-shaking.
 *
 * Our entries are measured from `dist/` (run `npm run build` first); `stripe` and `svix` from
 * node_modules, in the same run. Budgets are relative: the design's target is that the root
 * entry weighs at most what stripe's client does and the webhook entry at most what svix does
 * (`target` 1.00x), and each row says whether it meets it. Where it does not yet, a `ceiling`
 * ratio (today's figure plus a little) guards against further growth until the target is met
 * or changed: the run fails above a ceiling, or when a row that validates does not contain zod
 * (a check that cannot see zod would measure nothing).
 * `--json` prints the rows as JSON (used by `bench/run.mjs`).
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { assertBuilt, ROOT } from './lib/tarball.mjs';

const dist = (file) => JSON.stringify(join(ROOT, 'dist', file));

/*
 * Growth guards, as ratios to the peer (not bytes): the targets are 1.00x, which the root entry
 * (with logging, hooks, tracing and the hardening) and the whole webhook entry (with the handler
 * and all four stores, of which a deployment ships one) do not meet today. Lower these as the
 * entries shrink; raising one is a decision to write down.
 * Raised once, 2026-12-03 (1.18x → 1.20x, 1.40x → 1.43x), for lazy loading: ky is imported on
 * the client's first request and zod by the webhook entry only for a body its fast path does not
 * accept, which took cold import from 0.90x to ~0.6x stripe (root) and from 0.57x to ~0.06x
 * (webhooks) in bench/import-time.ts. A one-file bundle (this check, wrangler) wraps every module
 * reached through `import()` in an initialiser: ~0.4 kB gzipped for ky in the root, ~0.9 kB for
 * zod in the webhook entry. Bundlers that split chunks put those modules in a chunk instead.
 * Root raised again the same day, 1.20x → 1.21x, for bounded manual paging (`page.nextPage()`
 * detects a server that ignores `offset`, which made a hand-written loop run forever): 0.2 kB.
 */
const ROOT_CEILING = 1.21;
const WEBHOOKS_CEILING = 1.43;

/** @type {{ name: string, source: string, peer?: string, ceiling?: number, zod?: boolean, note?: string }[]} */
const ROWS = [
  { name: '@kler/sdk', source: `export * from ${dist('index.js')};`, peer: 'stripe', ceiling: ROOT_CEILING, zod: true, note: 'client, all resources, errors' },
  // The whole entry is held to svix's size; a receiver that only verifies tree-shakes the
  // handler and stores away (the two rows after it show each part).
  { name: '@kler/sdk/webhooks', source: `export * from ${dist('webhooks.js')};`, peer: 'svix', ceiling: WEBHOOKS_CEILING, zod: true, note: 'verify, sign, events, handler, all four stores' },
  {
    name: '@kler/sdk/webhooks { verify }',
    source: `export { verifyWebhook, verifyWebhookRequest, isTransactionReceivedEvent } from ${dist('webhooks.js')};`,
    zod: true,
    note: 'verifier only',
  },
  {
    name: '@kler/sdk/webhooks { handler }',
    source: `export { createWebhookHandler, createMemoryWebhookStore } from ${dist('webhooks.js')};`,
    zod: true,
    note: 'createWebhookHandler + memory store',
  },
  {
    name: '@kler/sdk/webhooks { handler, redis }',
    source: `export { createWebhookHandler, createRedisWebhookStore } from ${dist('webhooks.js')};`,
    zod: true,
    note: 'what a Node receiver on Redis ships',
  },
  {
    name: '@kler/sdk/webhooks { handler, DO }',
    source: `export { createWebhookHandler, createDurableObjectWebhookStore, KlerWebhookStoreObject } from ${dist('webhooks.js')};`,
    zod: true,
    note: 'what a Cloudflare Worker ships',
  },
  { name: '@kler/sdk/schemas', source: `export * from ${dist('schemas.js')};`, zod: true, note: 'every zod schema' },
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
  // Each budget is the peer's size measured in this same run.
  for (const row of rows) {
    if (row.peer) row.budget = rows.find((other) => other.name === row.peer).gzip;
  }
  return rows;
}

/** `ok` when the row meets its peer; `NOT MET (≤ ceiling)` when only its growth guard holds; `OVER`. */
export function statusOf(row) {
  const ratio = row.gzip / row.budget;
  if (ratio <= 1) return 'ok';
  return ratio <= row.ceiling ? `NOT MET (<= ${row.ceiling.toFixed(2)}x ceiling)` : 'OVER';
}

export function printTable(rows) {
  const reference = rows.find((row) => row.name === '@kler/sdk');
  const table = rows.map((row) => ({
    entry: row.name,
    'min+gzip': kB(row.gzip),
    minified: kB(row.minified),
    budget: row.peer ? `<= ${row.peer}` : '',
    'vs budget': row.peer ? `${(row.gzip / row.budget).toFixed(2)}x` : '',
    status: row.peer ? statusOf(row) : '',
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
  const over = rows.filter((row) => row.peer && statusOf(row) === 'OVER');
  for (const row of rows.filter((r) => r.peer && statusOf(r).startsWith('NOT MET'))) {
    console.log(`\n! ${row.name} is ${(row.gzip / row.budget).toFixed(2)}x ${row.peer}: the 1.00x target is not met (growth guard ${row.ceiling.toFixed(2)}x holds).`);
  }
  const blind = rows.filter((row) => row.zod && !row.packages.includes('zod'));
  if (leaked.length > 0) console.error('\n✖ @kler/sdk/webhooks bundles ky: the webhook entry must not import the HTTP client.');
  for (const row of over) console.error(`\n✖ ${row.name} is ${kB(row.gzip)} min+gzip, ${(row.gzip / row.budget).toFixed(2)}x ${row.peer}'s ${kB(row.budget)}: over its ${row.ceiling.toFixed(2)}x growth guard.`);
  for (const row of blind) console.error(`\n✖ ${row.name} was measured without zod: the size check cannot see the validator.`);
  process.exitCode = over.length > 0 || leaked.length > 0 || blind.length > 0 ? 1 : 0;
}
