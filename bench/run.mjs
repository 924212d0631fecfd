#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark in one run, then one summary table. Benches are found by
 * file name, so a new `bench/*.ts` joins without changes here (list order first, then the rest
 * alphabetically). Each runs in its own Node process against the built package (`dist/`;
 * `npm run bench` builds first).
 *
 * A bench reports a result as a line the summary picks up:
 *   `<label>  <ratio>x  (target <= 1.30x) met`   (or `>=`, and `NOT MET`)
 * Bench output without such a line is shown in full, and its last line goes in the table.
 *
 * Flags: `--quick` (fewer samples, for a smoke run), `--check` (exit 1 when a target is not met).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAll, printTable } from '../scripts/size.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const QUICK = process.argv.includes('--quick');
const CHECK = process.argv.includes('--check');
const ORDER = ['overhead.ts', 'import-time.ts', 'webhooks.ts'];
const RESULT_LINE = /^(?<label>.+?)\s+(?<ratio>\d+(?:\.\d+)?)x\s+\(target\s*(?<op>[<>]=?)\s*(?<target>\d+(?:\.\d+)?)x\)\s+(?<verdict>met|NOT MET)\s*$/;

function benchFiles() {
  const found = readdirSync(BENCH).filter((file) => /\.(ts|mjs)$/.test(file) && file !== 'run.mjs' && !file.startsWith('_'));
  return [...ORDER.filter((file) => found.includes(file)), ...found.filter((file) => !ORDER.includes(file)).sort()];
}

function machine() {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} free), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.versions.node}, ${process.platform}-${process.arch}`;
}

const rows = [];
console.log(`Machine: ${machine()}\n`);

console.log('== size (scripts/size.mjs) ==');
const sizes = await measureAll();
printTable(sizes);
for (const row of sizes.filter((r) => r.peer)) {
  const ratio = row.gzip / row.budget;
  rows.push({
    bench: 'size',
    result: `${row.name} / ${row.peer}, min+gzip`,
    value: `${ratio.toFixed(2)}x (${(row.gzip / 1000).toFixed(1)} kB)`,
    target: `<= 1.00x (guard ${row.ceiling.toFixed(2)}x)`,
    verdict: ratio <= 1 ? 'met' : 'NOT MET',
  });
}

for (const file of benchFiles()) {
  const args = [join(BENCH, file), ...(QUICK ? ['--quick'] : [])];
  console.log(`\n== ${file} ==`);
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(result.stdout ?? '');
  const name = file.replace(/\.(ts|mjs)$/, '');
  if (result.status !== 0) {
    rows.push({ bench: name, result: `failed (exit ${result.status})`, value: '', target: '', verdict: 'FAILED' });
    continue;
  }
  const lines = (result.stdout ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  const results = lines.map((line) => RESULT_LINE.exec(line)?.groups).filter(Boolean);
  for (const r of results) {
    rows.push({ bench: name, result: r.label, value: `${r.ratio}x`, target: `${r.op} ${r.target}x`, verdict: r.verdict });
  }
  if (results.length === 0) rows.push({ bench: name, result: lines.at(-1) ?? '(no output)', value: '', target: '', verdict: '' });
  console.log(`(${seconds} s)`);
}

const columns = ['bench', 'result', 'value', 'target', 'verdict'];
const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => String(row[c]).length)));
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd();
console.log(`\n== summary ==\n${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const row of rows) console.log(line(columns.map((c) => row[c])));
if (!existsSync(join(BENCH, 'webhooks.ts'))) console.log('\n(no bench/webhooks.ts yet: webhook throughput not measured)');

const unmet = rows.filter((row) => row.verdict === 'NOT MET' || row.verdict === 'FAILED');
process.exitCode = CHECK && unmet.length > 0 ? 1 : rows.some((row) => row.verdict === 'FAILED') ? 1 : 0;
