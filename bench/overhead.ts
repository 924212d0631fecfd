/**
 * Per-request overhead of the SDK against plain `fetch` + `JSON.parse`, both talking to the same
 * loopback `node:http` server (in a child process, so the server's work is not billed to either
 * client). The SDK call does everything a user gets: URL building, headers, ky, status mapping,
 * unwrapping `{ success, data }` and validating the result against its model. Target: ≤ 1.3x.
 *
 * A third client, bare ky configured as the SDK's transport needs it (decision 6: retries with
 * a method list, a per-attempt timeout), shows in every run how much of the overhead is ky's
 * (design decision 3) and how much is the SDK's own; a fourth, `fetch` with a timeout signal, what
 * any transport must add per attempt to honour a timeout.
 *
 * Run: `npm run bench` (all benches), or `node bench/overhead.ts` after `npm run build` — it
 * measures the built package (`dist/`), as users get it. `--quick` takes fewer samples.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import ky from 'ky';

type Sdk = typeof import('../src/index.js');

const QUICK = process.argv.includes('--quick');
// Many short rounds, interleaved: on a shared machine a burst of load then spoils a few rounds
// (which the median ignores) instead of one side's whole sample.
const ROUNDS = QUICK ? 5 : 31;
const PER_ROUND = 200;
const TARGET = 1.3;

const SESSION = {
  session_id: 'sess_bench',
  status: 'active',
  external_event_id: 'evt_abc123',
  name: 'Lagos Music Festival 2025',
  currency: 'NGN',
  collection_account: {
    account_number: '1234567890',
    account_name: 'Kler / Lagos Music Festival 2025',
    bank_name: 'Providus Bank',
    bank_code: '101',
  },
  pos_terminals: [{ terminal_id: 'pos_3f1e2d_001', label: 'Terminal 1', status: 'assigned' }],
  created_at: '2025-08-01T10:00:00.000Z',
};
const TRANSACTIONS = Array.from({ length: 50 }, (_, i) => ({
  id: `txn_${String(i).padStart(4, '0')}`,
  session_id: 'sess_bench',
  amount: '5000.00',
  currency: 'NGN',
  channel: 'bank_transfer',
  status: 'successful',
  sender_name: 'John Doe',
  sender_account: '0123456789',
  sender_bank: '058',
  narration: 'Ticket payment',
  providus_ref: `PVS20250801${String(i).padStart(7, '0')}`,
  paid_at: '2025-08-01T18:32:00.000Z',
  created_at: '2025-08-01T18:32:01.000Z',
}));

// The server answers from pre-serialised bodies: it must cost the same for both clients.
const SERVER = `
import { createServer } from 'node:http';
const bodies = ${JSON.stringify({
  session: JSON.stringify({ success: true, data: SESSION }),
  transactions: JSON.stringify({ success: true, data: TRANSACTIONS }),
})};
const server = createServer((req, res) => {
  const body = req.url.startsWith('/v1/transactions') ? bodies.transactions : bodies.session;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0)).resume();
`;

async function startServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { baseUrl: `http://127.0.0.1:${line.trim()}/v1`, stop: () => child.stdin!.end() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `items` in an order fixed by `seed` (Fisher–Yates with a small LCG), so runs are repeatable. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = (seed + 1) * 2_654_435_761;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Timing {
  /** Median over rounds of the mean µs per call in a round: the figure the verdict uses. */
  median: number;
  /** Fastest round: what a call costs when nothing else interferes. */
  min: number;
}

/** Microseconds per call of each case, over interleaved rounds of sequential calls. */
async function measure<K extends string>(cases: Record<K, () => Promise<unknown>>): Promise<Record<K, Timing>> {
  const entries = Object.entries(cases) as [K, () => Promise<unknown>][];
  for (const [, call] of entries) for (let i = 0; i < PER_ROUND; i++) await call();
  const samples = new Map<K, number[]>(entries.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // A new order every round, so no client always runs right after another's garbage (with
    // four clients, alternating two orders still left each one the same neighbours).
    const ordered = shuffled(entries, round);
    for (const [name, call] of ordered) {
      const start = performance.now();
      for (let i = 0; i < PER_ROUND; i++) await call();
      samples.get(name)!.push(((performance.now() - start) * 1000) / PER_ROUND);
    }
  }
  return Object.fromEntries([...samples].map(([name, xs]) => [name, { median: median(xs), min: Math.min(...xs) }])) as Record<
    K,
    Timing
  >;
}

/**
 * Bare ky with the options decision 6 makes the SDK pass (the SDK adds its retry-policy
 * callbacks, a raw-body parser and a header hook), sending the same headers as the SDK, so that
 * sdk / bare ky isolates the SDK's own code.
 */
function bareKy(fetchImpl?: typeof fetch) {
  return ky.create({
    fetch: fetchImpl,
    headers: { ...HEADERS, 'user-agent': 'kler-sdk-js/bench', 'x-kler-sdk': '@kler/sdk@bench' },
    timeout: 30_000,
    retry: { limit: 2, methods: ['get', 'post', 'patch'], statusCodes: [408, 429, 500, 502, 503, 504], afterStatusCodes: [429, 503] },
  });
}

/** What a plain `fetch` caller sends: the key, and that JSON is wanted. */
const HEADERS = { 'x-api-key': 'bench_key', accept: 'application/json' };

async function main(): Promise<void> {
  // A variable specifier: resolved by Node at run time to the built package (`dist/`) through
  // the package's own name, while the types come from the sources.
  const specifier = '@kler/sdk';
  const { KlerClient } = (await import(specifier)) as Sdk;
  const server = await startServer();
  let worst = 0;
  try {
    // The client as users get it: default retries (2) and timeout (30 s).
    const kler = new KlerClient({ apiKey: 'bench_key', baseUrl: server.baseUrl });
    const plain = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: HEADERS, ...init });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (JSON.parse(await response.text()) as { data: unknown }).data;
    };
    // What any transport has to add per attempt to honour a timeout: a signal with a timer.
    const timed = (path: string) => plain(path, { signal: AbortSignal.timeout(30_000) });
    const viaKyInstance = bareKy();
    const viaKy = async (path: string) => (await viaKyInstance(`${server.baseUrl}${path}`).json<{ data: unknown }>()).data;

    // All three must return the same data, or the comparison means nothing.
    const expected = JSON.stringify(await plain('/sessions/sess_bench'));
    for (const [who, got] of [['the SDK', await kler.sessions.retrieve('sess_bench')], ['bare ky', await viaKy('/sessions/sess_bench')]] as const) {
      if (JSON.stringify(got) !== expected) throw new Error(`${who} and plain fetch disagree on the session`);
    }

    const list = '/transactions?session_id=sess_bench&limit=50&offset=0';
    const scenarios = [
      {
        name: 'sessions.retrieve (1 object)',
        sdk: () => kler.sessions.retrieve('sess_bench'),
        ky: () => viaKy('/sessions/sess_bench'),
        timed: () => timed('/sessions/sess_bench'),
        plain: () => plain('/sessions/sess_bench'),
      },
      {
        name: 'transactions.list (page of 50)',
        sdk: async () => (await kler.transactions.list({ session_id: 'sess_bench', limit: 50 })).data,
        ky: () => viaKy(list),
        timed: () => timed(list),
        plain: () => plain(list),
      },
    ];

    console.log(`per-request overhead, loopback node:http, sequential keep-alive requests, Node ${process.versions.node}`);
    console.log(`median (and fastest) of ${ROUNDS} interleaved rounds x ${PER_ROUND} requests, µs per request\n`);
    const us = (t: Timing) => `${t.median.toFixed(1).padStart(7)} (${t.min.toFixed(1)})`;
    for (const scenario of scenarios) {
      const t = await measure({ sdk: scenario.sdk, ky: scenario.ky, timed: scenario.timed, plain: scenario.plain });
      const ratio = t.sdk.median / t.plain.median;
      worst = Math.max(worst, ratio);
      console.log(
        `${scenario.name}: sdk ${us(t.sdk)}   bare ky ${us(t.ky)}   fetch+timeout signal ${us(t.timed)}   fetch+JSON.parse ${us(t.plain)}`,
      );
      console.log(`  fastest rounds: sdk / fetch ${(t.sdk.min / t.plain.min).toFixed(2)}x, bare ky / fetch ${(t.ky.min / t.plain.min).toFixed(2)}x`);
      console.log(`bare ky / fetch, ${scenario.name.padEnd(30)} ${(t.ky.median / t.plain.median).toFixed(2)}x  (informational)`);
      console.log(`sdk / bare ky, ${scenario.name.padEnd(30)} ${(t.sdk.median / t.ky.median).toFixed(2)}x  (informational)`);
      console.log(`fetch with a timeout signal / fetch, ${scenario.name.padEnd(30)} ${(t.timed.median / t.plain.median).toFixed(2)}x  (informational)`);
      console.log(`sdk / fetch, ${scenario.name.padEnd(30)} ${ratio.toFixed(2)}x  (target <= ${TARGET.toFixed(2)}x) ${ratio <= TARGET ? 'met' : 'NOT MET'}`);
    }
  } finally {
    server.stop();
  }
  await clientWork(KlerClient);
  process.exitCode = process.argv.includes('--check') && worst > TARGET ? 1 : 0;
}

/**
 * The client's own CPU time per call, with no network at all: `fetch` answers at once from
 * memory. Loopback timings move with scheduling on a shared machine; this moves much less, so
 * it shows more steadily what the SDK adds on top of ky.
 */
async function clientWork(KlerClient: Sdk['KlerClient']): Promise<void> {
  const body = JSON.stringify({ success: true, data: SESSION });
  const answer: typeof fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  const url = 'http://127.0.0.1:9/v1/sessions/sess_bench';
  const kler = new KlerClient({ apiKey: 'bench_key', baseUrl: 'http://127.0.0.1:9/v1', fetch: answer });
  const viaKy = bareKy(answer);
  const t = await measure({
    sdk: () => kler.sessions.retrieve('sess_bench'),
    ky: async () => (await viaKy(url).json<{ data: unknown }>()).data,
    plain: async () => (JSON.parse(await (await answer(url, { headers: HEADERS })).text()) as { data: unknown }).data,
  });
  console.log(`\nclient work per call without a network (fetch answers from memory), sessions.retrieve, µs:`);
  console.log(`  fetch+JSON.parse ${t.plain.median.toFixed(1)}   bare ky ${t.ky.median.toFixed(1)}   sdk ${t.sdk.median.toFixed(1)}`);
  console.log(`  ky adds ${(t.ky.median - t.plain.median).toFixed(1)} µs; the SDK's own work on top of ky (URL, headers, policy, envelope, validation) ${(t.sdk.median - t.ky.median).toFixed(1)} µs`);
}

await main();
