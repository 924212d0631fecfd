/**
 * Reading a whole session: `for await` over 100,000 transactions keeps memory flat, and
 * `reconciliation.audit` over them costs a small multiple of just fetching them.
 *
 * A loopback `node:http` server (its own process, generating pages on the fly) serves sessions of
 * 10,000 and 100,000 transactions, 100 per page. Every measurement runs in a fresh Node process,
 * so each peak RSS (`process.resourceUsage().maxRSS`) is that run's alone:
 * - memory: the live JS heap (after a full GC) at the 100,000th vs the 10,000th transaction, and
 *   the peak RSS of the two runs, with V8's heap sizing held fixed (see RUNTIMES). The process
 *   grows a little with any client (buffers, JIT code, heap sizing), so the verdicts compare
 *   the iterator's growth with that of plain `fetch` + `JSON.parse` reading the same pages in the
 *   same way: what the SDK adds must stay within 5% (target <= 1.05x);
 * - time: `audit` (summary + every page, validated, deduped, recomputed in bigint kobo) vs plain
 *   `fetch` + `JSON.parse` of the same pages (target <= 3x), median of several runs.
 *
 * Run: `npm run bench` (all benches), or `npm run build && node bench/transactions.ts`: it
 * measures the built package (`dist/`), as users get it. `--quick` runs each timing once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

type Sdk = typeof import('../src/index.js');

const SELF = fileURLToPath(import.meta.url);
const QUICK = process.argv.includes('--quick');
const PAGE = 100;
const SMALL = 10_000;
const LARGE = 100_000;
/** Growth 10k → 100k of the iterator over that of plain fetch + JSON.parse (live heap, peak RSS). */
const GROWTH_TARGET = 1.05;
const TIME_TARGET = 3;
const CHANNELS = ['bank_transfer', 'pos', 'ussd', 'card'];

// ---------------------------------------------------------------------------------------------
// The server: session `sess_<N>` has N transactions, `txn_N` (newest) down to `txn_1`.

/** Transaction number `k` (1 = oldest), built from k alone so the server stores nothing. */
function transaction(session: string, k: number) {
  return {
    id: `txn_${k}`,
    session_id: session,
    amount: `${100 + (k % 9000)}.${String(k % 100).padStart(2, '0')}`,
    currency: 'NGN',
    channel: CHANNELS[k % 4],
    status: k % 50 === 0 ? 'pending' : k % 97 === 0 ? 'failed' : 'successful',
    sender_name: 'John Doe',
    sender_account: '0123456789',
    sender_bank: '058',
    narration: 'Ticket payment',
    providus_ref: `PVS20250801${String(k).padStart(7, '0')}`,
    paid_at: '2025-08-01T18:32:00.000Z',
    created_at: '2025-08-01T18:32:01.000Z',
  };
}

/** The session's reconciliation, computed by the server on its own (kobo as bigint). */
function reconciliation(session: string, size: number) {
  let inflow = 0n;
  const counts = { successful: 0, pending: 0, failed: 0 };
  const byChannel = new Map<string, { count: number; kobo: bigint }>();
  for (let k = 1; k <= size; k++) {
    const t = transaction(session, k);
    counts[t.status as keyof typeof counts]++;
    if (t.status !== 'successful') continue;
    const kobo = BigInt(t.amount.replace('.', ''));
    inflow += kobo;
    const c = byChannel.get(t.channel!) ?? { count: 0, kobo: 0n };
    byChannel.set(t.channel!, { count: c.count + 1, kobo: c.kobo + kobo });
  }
  const naira = (kobo: bigint) => `${kobo / 100n}.${String(kobo % 100n).padStart(2, '0')}`;
  return {
    session_id: session,
    total_inflow: naira(inflow),
    transaction_count: size,
    successful_count: counts.successful,
    pending_count: counts.pending,
    failed_count: counts.failed,
    by_channel: Object.fromEntries([...byChannel].map(([k, v]) => [k, { count: v.count, total: naira(v.kobo) }])),
    reconciled_at: '2025-08-02T09:00:00.000Z',
  };
}

function serve(): void {
  const summaries = new Map<string, string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let data: unknown;
    const recon = /^\/v1\/reconciliation\/(sess_(\d+))$/.exec(url.pathname);
    if (recon) {
      const key = recon[1]!;
      if (!summaries.has(key)) summaries.set(key, JSON.stringify(reconciliation(key, Number(recon[2]))));
      data = JSON.parse(summaries.get(key)!);
    } else {
      const session = url.searchParams.get('session_id') ?? '';
      const size = Number(/^sess_(\d+)$/.exec(session)?.[1] ?? 0);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const page = [];
      for (let i = offset; i < Math.min(offset + limit, size); i++) page.push(transaction(session, size - i));
      data = page;
    }
    const body = JSON.stringify({ success: true, data });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log((server.address() as { port: number }).port));
  process.stdin.on('end', () => process.exit(0)).resume();
}

// ---------------------------------------------------------------------------------------------
// One measurement, in its own process: prints a JSON line.

interface Measurement {
  ms: number;
  count: number;
  peakRssMiB: number;
  startRssMiB: number;
  /** Live JS heap after a full GC on the last transaction (iterate) or at the end (others). */
  heapAfterGcMiB: number;
  consistent?: boolean;
}

async function measureOnce(mode: string, size: number, baseUrl: string): Promise<void> {
  const specifier = '@kler/sdk'; // resolved by Node to the built package through its own name
  const { KlerClient } = (await import(specifier)) as Sdk;
  const kler = new KlerClient({ apiKey: 'bench_key', baseUrl, maxRetries: 0 });
  const session = `sess_${size}`;
  const startRssMiB = process.memoryUsage.rss() / 2 ** 20;
  const start = performance.now();
  let count = 0;
  let consistent: boolean | undefined;
  let heapAfterGcMiB: number | undefined;
  if (mode === 'iterate') {
    let expected = size; // ids run txn_N down to txn_1, each exactly once
    for await (const t of kler.transactions.list({ session_id: session, limit: PAGE })) {
      if (t.id !== `txn_${expected--}`) throw new Error(`expected txn_${expected + 1}, got ${t.id}`);
      if (++count === size) heapAfterGcMiB = liveHeapMiB(); // the iterator is still live here
    }
  } else if (mode === 'plain') {
    const headers = { 'x-api-key': 'bench_key', accept: 'application/json' };
    for (let offset = 0; ; offset += PAGE) {
      const response = await fetch(`${baseUrl}/transactions?session_id=${session}&limit=${PAGE}&offset=${offset}`, { headers });
      const page = (JSON.parse(await response.text()) as { data: unknown[] }).data;
      count += page.length;
      if (page.length < PAGE) break;
    }
  } else {
    const report = await kler.reconciliation.audit(session, { limit: PAGE });
    count = report.transactions_counted;
    consistent = report.consistent;
  }
  const ms = performance.now() - start;
  if (count !== size) throw new Error(`${mode}: read ${count} transactions, expected ${size}`);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const result: Measurement = {
    ms,
    count,
    peakRssMiB,
    startRssMiB,
    heapAfterGcMiB: heapAfterGcMiB ?? liveHeapMiB(),
    ...(consistent === undefined ? {} : { consistent }),
  };
  console.log(JSON.stringify(result));
}

/**
 * How a run's V8 is set up. By default V8 sizes its heap by allocation *rate*: a loop that
 * allocates fast (any HTTP client parsing pages) grows the young generation from 16 to 64 MiB and
 * lets promoted garbage pile up before a full GC, so default peak RSS tracks how long a run lasts,
 * not what it holds (plain fetch grows just as much). The fixed heap takes that out: semi-space
 * 1 MiB, old space capped at 32 MiB (a leak of a few hundred bytes per transaction would hit
 * it), one malloc arena (glibc otherwise keeps per-thread arenas that fragment).
 */
const RUNTIMES = {
  fixed: { flags: ['--expose-gc', '--max-semi-space-size=1', '--max-old-space-size=32'], env: { MALLOC_ARENA_MAX: '1' } },
  default: { flags: ['--expose-gc'], env: {} },
  timing: { flags: [], env: {} },
} as const;

/** The live JS heap after a full GC (only meaningful with `--expose-gc`). */
function liveHeapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function run(mode: string, size: number, baseUrl: string, runtime: keyof typeof RUNTIMES = 'timing'): Measurement {
  const { flags, env } = RUNTIMES[runtime];
  const child = spawnSync(process.execPath, [...flags, SELF, '--measure', mode, String(size), baseUrl], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (child.status !== 0) throw new Error(`${mode} ${size} failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measurement;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const server = spawn(process.execPath, [SELF, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [port] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
  const baseUrl = `http://127.0.0.1:${port.trim()}/v1`;
  try {
    console.log(`reading a session, ${PAGE} per page, loopback node:http, one process per run, Node ${process.versions.node}\n`);

    // Median of a few runs per cell: RSS moves by a few MiB from run to run.
    const memoryRounds = QUICK ? 1 : 3;
    const memory: Record<string, Measurement> = {};
    for (const runtime of ['fixed', 'default'] as const) {
      for (const mode of ['iterate', 'plain']) {
        for (const size of [SMALL, LARGE]) {
          const runs = Array.from({ length: memoryRounds }, () => run(mode, size, baseUrl, runtime));
          const peak = median(runs.map((m) => m.peakRssMiB));
          memory[`${runtime} ${mode} ${size}`] = runs.find((m) => m.peakRssMiB === peak)!;
        }
      }
    }
    const cell = (key: string) => {
      const m = memory[key]!;
      return `${m.peakRssMiB.toFixed(1).padStart(6)} (${m.heapAfterGcMiB.toFixed(1).padStart(4)})`;
    };
    const ratioOf = (key: string) => memory[`${key} ${LARGE}`]!.peakRssMiB / memory[`${key} ${SMALL}`]!.peakRssMiB;
    console.log('peak RSS in MiB (live JS heap after a full GC on the last transaction, MiB)');
    console.log(`${''.padEnd(36)}${'10k'.padStart(15)}${'100k'.padStart(15)}   100k / 10k`);
    for (const runtime of ['fixed', 'default'] as const) {
      for (const [mode, label] of [
        ['iterate', 'for await'],
        ['plain', 'fetch + JSON.parse'],
      ] as const) {
        const key = `${runtime} ${mode}`;
        console.log(
          `${`${label}, ${runtime === 'fixed' ? 'fixed heap' : 'default V8 heap'}`.padEnd(36)}${cell(`${key} ${SMALL}`).padStart(15)}${cell(`${key} ${LARGE}`).padStart(15)}   ${ratioOf(key).toFixed(2)}x`,
        );
      }
    }
    console.log('(fixed heap: --max-semi-space-size=1 --max-old-space-size=32, MALLOC_ARENA_MAX=1; see RUNTIMES)');

    const rounds = QUICK ? 1 : 5;
    const times: Record<string, number[]> = { plain: [], iterate: [], audit: [] };
    for (let round = 0; round < rounds; round++) {
      for (const mode of Object.keys(times)) {
        const m = run(mode, LARGE, baseUrl);
        if (mode === 'audit' && m.consistent !== true) throw new Error('the audit found differences in a consistent session');
        times[mode]!.push(m.ms);
      }
    }
    const plain = median(times.plain!);
    const iterate = median(times.iterate!);
    const audit = median(times.audit!);
    console.log(`\n${LARGE.toLocaleString('en-US')} transactions, median of ${rounds} run(s):`);
    console.log(`  fetch + JSON.parse, pages only        ${plain.toFixed(0).padStart(6)} ms`);
    console.log(`  for await (validated, deduped)        ${iterate.toFixed(0).padStart(6)} ms   ${(iterate / plain).toFixed(2)}x fetch`);
    console.log(`  reconciliation.audit (consistent)     ${audit.toFixed(0).padStart(6)} ms   ${(audit / plain).toFixed(2)}x fetch`);

    const heapGrowth = (mode: string) =>
      memory[`fixed ${mode} ${LARGE}`]!.heapAfterGcMiB / memory[`fixed ${mode} ${SMALL}`]!.heapAfterGcMiB;
    const heap = heapGrowth('iterate') / heapGrowth('plain');
    const rss = ratioOf('fixed iterate') / ratioOf('fixed plain');
    const time = audit / plain;
    console.log('');
    console.log(
      `growth 10k -> 100k, fixed heap: live JS heap ${heapGrowth('iterate').toFixed(2)}x (fetch + JSON.parse ${heapGrowth('plain').toFixed(2)}x), ` +
        `peak RSS ${ratioOf('fixed iterate').toFixed(2)}x (fetch + JSON.parse ${ratioOf('fixed plain').toFixed(2)}x)`,
    );
    const verdict = (value: number, target: number) => `${value.toFixed(2)}x  (target <= ${target.toFixed(2)}x) ${value <= target ? 'met' : 'NOT MET'}`;
    console.log(`live JS heap growth, for await / fetch+JSON.parse  ${verdict(heap, GROWTH_TARGET)}`);
    console.log(`peak RSS growth, for await / fetch+JSON.parse  ${verdict(rss, GROWTH_TARGET)}`);
    console.log(`audit / fetch+JSON.parse, 100k transactions  ${verdict(time, TIME_TARGET)}`);
    const unmet = heap > GROWTH_TARGET || rss > GROWTH_TARGET || time > TIME_TARGET;
    process.exitCode = process.argv.includes('--check') && unmet ? 1 : 0;
  } finally {
    server.stdin!.end();
  }
}

const at = process.argv.indexOf('--measure');
if (process.argv.includes('--serve')) serve();
else if (at !== -1) await measureOnce(process.argv[at + 1]!, Number(process.argv[at + 2]), process.argv[at + 3]!);
else await main();
