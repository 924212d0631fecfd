/**
 * Per-request overhead of the SDK against plain `fetch` + `JSON.parse`, both talking to the same
 * loopback `node:http` server (in a child process, so the server's work is not billed to either
 * client). The SDK call does everything a user gets: URL building, headers, ky, status mapping,
 * unwrapping `{ success, data }` and validating the result against its model. Target: ≤ 1.3x.
 *
 * Run: `npm run bench` (all benches), or `node bench/overhead.ts` after `npm run build` — it
 * measures the built package (`dist/`), as users get it. `--quick` takes fewer samples.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

type Sdk = typeof import('../src/index.js');

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 5 : 11;
const PER_ROUND = QUICK ? 200 : 500;
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

/** Median microseconds per call of each case, over interleaved rounds of sequential calls. */
async function measure(cases: Record<string, () => Promise<unknown>>): Promise<Record<string, number>> {
  const entries = Object.entries(cases);
  for (const [, call] of entries) for (let i = 0; i < PER_ROUND; i++) await call();
  const samples = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so neither side always runs right after the other's garbage.
    const ordered = round % 2 === 0 ? entries : [...entries].reverse();
    for (const [name, call] of ordered) {
      const start = performance.now();
      for (let i = 0; i < PER_ROUND; i++) await call();
      samples.get(name)!.push(((performance.now() - start) * 1000) / PER_ROUND);
    }
  }
  return Object.fromEntries([...samples].map(([name, xs]) => [name, median(xs)]));
}

async function main(): Promise<void> {
  // A variable specifier: resolved by Node at run time to the built package (`dist/`) through
  // the package's own name, while the types come from the sources.
  const specifier = '@kler/sdk';
  const { KlerClient } = (await import(specifier)) as Sdk;
  const server = await startServer();
  try {
    const kler = new KlerClient({ apiKey: 'bench_key', baseUrl: server.baseUrl, maxRetries: 0 });
    const headers = { 'x-api-key': 'bench_key', accept: 'application/json' };
    const plain = async (path: string) => {
      const response = await fetch(`${server.baseUrl}${path}`, { headers });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (JSON.parse(await response.text()) as { data: unknown }).data;
    };

    // Both must return the same data, or the comparison means nothing.
    const sdkSession = await kler.sessions.retrieve('sess_bench');
    if (JSON.stringify(sdkSession) !== JSON.stringify(await plain('/sessions/sess_bench'))) {
      throw new Error('the SDK and plain fetch disagree on the session');
    }

    const scenarios: { name: string; sdk: () => Promise<unknown>; plain: () => Promise<unknown> }[] = [
      {
        name: 'sessions.retrieve (1 object)',
        sdk: () => kler.sessions.retrieve('sess_bench'),
        plain: () => plain('/sessions/sess_bench'),
      },
    ];
    const transactions = (kler as { transactions?: { list?: unknown } }).transactions;
    if (typeof transactions?.list === 'function') {
      scenarios.push({
        name: 'transactions.list (page of 50)',
        sdk: async () => (await kler.transactions.list({ session_id: 'sess_bench', limit: 50 })).data,
        plain: () => plain('/transactions?session_id=sess_bench&limit=50&offset=0'),
      });
    }

    console.log(
      `per-request overhead, loopback node:http, sequential keep-alive requests, Node ${process.versions.node}`,
    );
    console.log(`median of ${ROUNDS} rounds x ${PER_ROUND} requests\n`);
    let worst = 0;
    for (const scenario of scenarios) {
      const result = await measure({ sdk: scenario.sdk, plain: scenario.plain });
      const ratio = result.sdk! / result.plain!;
      worst = Math.max(worst, ratio);
      console.log(
        `${scenario.name.padEnd(32)} sdk ${result.sdk!.toFixed(1).padStart(7)} µs   fetch+JSON.parse ${result.plain!.toFixed(1).padStart(7)} µs   +${(result.sdk! - result.plain!).toFixed(1)} µs`,
      );
      console.log(`sdk / fetch, ${scenario.name.padEnd(30)} ${ratio.toFixed(2)}x  (target <= ${TARGET.toFixed(2)}x) ${ratio <= TARGET ? 'met' : 'NOT MET'}`);
    }
    process.exitCode = process.argv.includes('--check') && worst > TARGET ? 1 : 0;
  } finally {
    server.stop();
  }
}

await main();
