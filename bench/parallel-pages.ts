/**
 * Parallel pages for a closed session: `for await` over 100,000 transactions with
 * `{ concurrency: 8 }` vs sequential reads, from a loopback `node:http` server (its own process)
 * that waits 20 ms before each answer, as a real API across a network would.
 *
 * Each read runs in a fresh Node process, so each peak RSS (`process.resourceUsage().maxRSS`) is
 * that run's alone. Reported, as ratios measured in this run:
 * - speed-up: sequential time / concurrency-8 time (target >= 4x);
 * - peak RSS: concurrency 8 / sequential (target <= 1.2x: at most 8 pages are held);
 * - and both runs must yield the same ids in the same order (a digest of the sequence).
 *
 * Run: `npm run bench` (all benches), or `npm run build && node bench/parallel-pages.ts`.
 * `--quick` reads 20,000 transactions instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

type Sdk = typeof import('../src/index.js');

const SELF = fileURLToPath(import.meta.url);
const QUICK = process.argv.includes('--quick');
const SIZE = QUICK ? 20_000 : 100_000;
const PAGE = 100;
const LATENCY_MS = 20;
const CONCURRENCY = 8;
const SPEEDUP_TARGET = 4;
const RSS_TARGET = 1.2;

/** Transaction `k` (1 = oldest), built from k alone so the server stores nothing. */
function transaction(k: number) {
  return {
    id: `txn_${k}`,
    session_id: 'sess_closed',
    amount: `${100 + (k % 9000)}.${String(k % 100).padStart(2, '0')}`,
    currency: 'NGN',
    channel: 'bank_transfer',
    status: 'successful',
    sender_name: 'John Doe',
    narration: 'Ticket payment',
    created_at: '2025-08-01T18:32:01.000Z',
  };
}

function serve(size: number): void {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let data: unknown;
    if (url.pathname.startsWith('/v1/sessions/')) {
      data = { session_id: 'sess_closed', status: 'closed' };
    } else {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const page = [];
      for (let i = offset; i < Math.min(offset + limit, size); i++) page.push(transaction(size - i));
      data = page;
    }
    const body = JSON.stringify({ success: true, data });
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }, LATENCY_MS);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => console.log((server.address() as { port: number }).port));
  process.stdin.on('end', () => process.exit(0)).resume();
}

interface Measurement {
  ms: number;
  count: number;
  peakRssMiB: number;
  digest: string;
}

async function measureOnce(concurrency: number, baseUrl: string): Promise<void> {
  const specifier = '@kler/sdk'; // the built package, through its own name
  const { KlerClient } = (await import(specifier)) as Sdk;
  const kler = new KlerClient({ apiKey: 'bench_key', baseUrl, maxRetries: 0 });
  const hash = createHash('sha256');
  const start = performance.now();
  let count = 0;
  const options = concurrency > 1 ? { concurrency } : {};
  for await (const t of kler.transactions.list({ session_id: 'sess_closed', limit: PAGE }, options)) {
    hash.update(`${t.id}\n`);
    count++;
  }
  const result: Measurement = {
    ms: performance.now() - start,
    count,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    digest: hash.digest('hex'),
  };
  console.log(JSON.stringify(result));
}

/**
 * V8 sizes its heap by allocation rate, so by default a faster loop (the parallel one) ends with
 * a bigger young generation and more garbage between full GCs whatever it holds. Both runs use
 * the same fixed heap (as `transactions.ts` does) so peak RSS compares what they keep.
 */
const FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=32'];

function run(concurrency: number, baseUrl: string): Measurement {
  const child = spawnSync(process.execPath, [...FLAGS, SELF, '--measure', String(concurrency), baseUrl], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, MALLOC_ARENA_MAX: '1' },
  });
  if (child.status !== 0) throw new Error(`concurrency ${concurrency} failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measurement;
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, [SELF, '--serve', String(SIZE)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [port] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
  const baseUrl = `http://127.0.0.1:${port.trim()}/v1`;
  try {
    console.log(`${SIZE.toLocaleString('en-US')} transactions of a closed session, ${PAGE} per page, ${LATENCY_MS} ms per answer, one process per run, fixed heap (${FLAGS.join(' ')}, MALLOC_ARENA_MAX=1)\n`);
    const sequential = run(1, baseUrl);
    const parallel = run(CONCURRENCY, baseUrl);
    for (const m of [sequential, parallel]) if (m.count !== SIZE) throw new Error(`read ${m.count} transactions, expected ${SIZE}`);
    if (parallel.digest !== sequential.digest) throw new Error('concurrency 8 yielded other rows, or another order, than sequential reads');
    console.log(`  sequential      ${sequential.ms.toFixed(0).padStart(7)} ms   peak RSS ${sequential.peakRssMiB.toFixed(1)} MiB`);
    console.log(`  concurrency ${CONCURRENCY}   ${parallel.ms.toFixed(0).padStart(7)} ms   peak RSS ${parallel.peakRssMiB.toFixed(1)} MiB`);
    console.log('  same ids in the same order: yes\n');
    const speedup = sequential.ms / parallel.ms;
    const rss = parallel.peakRssMiB / sequential.peakRssMiB;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    console.log(`parallel pages speed-up, sequential / concurrency ${CONCURRENCY}  ${speedup.toFixed(2)}x  (target >= ${SPEEDUP_TARGET.toFixed(2)}x) ${met(speedup >= SPEEDUP_TARGET)}`);
    console.log(`parallel pages peak RSS, concurrency ${CONCURRENCY} / sequential  ${rss.toFixed(2)}x  (target <= ${RSS_TARGET.toFixed(2)}x) ${met(rss <= RSS_TARGET)}`);
    process.exitCode = process.argv.includes('--check') && (speedup < SPEEDUP_TARGET || rss > RSS_TARGET) ? 1 : 0;
  } finally {
    server.stdin!.end();
  }
}

const at = process.argv.indexOf('--measure');
if (process.argv.includes('--serve')) serve(Number(process.argv[process.argv.indexOf('--serve') + 1]));
else if (at !== -1) await measureOnce(Number(process.argv[at + 1]), process.argv[at + 2]!);
else await main();
