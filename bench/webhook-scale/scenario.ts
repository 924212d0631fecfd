/**
 * The scale scenario of issue 13: N payments delivered concurrently, some twice, with Kler's
 * retries on every non-2xx answer, to receivers sharing one store while a share of handler
 * attempts fail — and, with separate processes, one of them SIGKILLed midway. What must hold:
 * exactly one ticket per payment, none twice, none lost.
 *
 * Receivers run either in this process (`{ kind: 'in-process' }`, any store, the memory store
 * included) or as child processes (`{ kind: 'processes' }`) loading a store module, which is how
 * a shared engine (Redis, PostgreSQL) is run: the module exports `createStore()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebhookInboxStore } from '../../src/webhooks/index.js';
import { KlerSender } from './kler.ts';
import { startReceiver, type WebhooksModule } from './receiver.ts';

export type ScaleReceivers =
  | {
      readonly kind: 'in-process';
      /** The store every in-process receiver shares. */
      readonly store: WebhookInboxStore;
      /** How many receivers (servers with their own handler) share it. @default 1 */
      readonly count?: number;
    }
  | {
      readonly kind: 'processes';
      /** A module exporting `createStore()`, loaded by each receiver process. */
      readonly storeModule: string;
      /** Extra environment for the receiver processes (engine URLs). */
      readonly env?: Readonly<Record<string, string>>;
      /** How many receiver processes. @default 2 */
      readonly count?: number;
      /** SIGKILL the first process once this share of payments has been delivered. @default 0.5 */
      readonly killAt?: number | null;
      /** A store on the same engine, for the dead-letter count afterwards. */
      readonly inspect?: WebhookInboxStore;
    };

export interface ScaleOptions {
  readonly sdk: WebhooksModule;
  readonly name: string;
  readonly mode: 'inline' | 'inbox';
  readonly receivers: ScaleReceivers;
  /** @default 1000 */
  readonly payments?: number;
  /** The share of payments Kler delivers twice, concurrently. @default 0.2 */
  readonly duplicateRate?: number;
  /** The share of handler attempts that fail. @default 0.2 */
  readonly failureRate?: number;
  /** Deliveries in flight at once. @default 100 */
  readonly concurrency?: number;
  /** Longer than an attempt takes on a loaded machine, store round trips included. @default 2000 */
  readonly leaseMs?: number;
  /**
   * Kler's first retry delay, doubling (retries at 1, 3, 7, 15 and 31 times it). Inline, a
   * delivery whose work a SIGKILLed process held gets 409 until that lease ends, and after it
   * needs three more tries (the receiver fails a key's first three attempts at most, the killed
   * one included): so 7 times this must pass the lease, with room for a loaded machine. With
   * 250 ms only two tries follow a 2 s lease, and a payment was lost when both failed. @default 500
   */
  readonly baseDelayMs?: number;
}

export interface ScaleReport {
  readonly name: string;
  readonly mode: 'inline' | 'inbox';
  readonly payments: number;
  /** Kler deliveries started (payments plus duplicates). */
  readonly deliveries: number;
  /** HTTP POSTs made, retries included. */
  readonly requests: number;
  /** Deliveries Kler gave up on (6 non-2xx answers). */
  readonly undelivered: number;
  /** What each delivery Kler gave up on was answered, attempt by attempt (status or error code), and when it started (ms into the run). */
  readonly undeliveredStatuses: readonly { readonly startedAtMs: number; readonly statuses: readonly (number | string)[] }[];
  /** Payments with a ticket (the ticket table is unique on the transaction, as it should be). */
  readonly ticketed: number;
  /**
   * Ticket writes beyond the first for a payment that no crash explains: the protocol failing.
   * Must be 0.
   */
  readonly duplicates: number;
  /**
   * Work run again after the SIGKILL: the killed process wrote the ticket but died before
   * recording the work done, so the lease expired and a survivor ran it again. At-least-once
   * is all a store can promise across a crash; the unique ticket write makes it harmless (the
   * reason `context.key` exists).
   */
  readonly rerunsAfterKill: number;
  /** Payments with no ticket. */
  readonly lost: number;
  readonly deadLetters: number;
  readonly handlerAttempts: number;
  readonly failedAttempts: number;
  readonly killed: boolean;
  readonly seconds: number;
  /** Kler deliveries acknowledged per second, from the first send to the last ticket. */
  readonly deliveriesPerSecond: number;
}

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const PROCESS_SCRIPT = fileURLToPath(new URL('./process.ts', import.meta.url));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A payment of run `run`: ids are unique per run, so runs can share one store. */
function paymentBody(run: string, index: number): { id: string; body: string; webhookId: string } {
  const id = `txn_scale_${run}_${String(index).padStart(5, '0')}`;
  const body = JSON.stringify({
    event: 'transaction.received',
    session_id: 'sess_scale',
    data: { id, amount: `${1000 + index}.00`, currency: 'NGN', channel: 'bank_transfer', status: 'successful', paid_at: '2025-08-01T18:32:00.000Z' },
  });
  return { id, body, webhookId: `msg_scale_${run}_${index}` };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

interface Running {
  urls: string[];
  /** Ticket writes per transaction id, and whether the killed process made one. */
  tickets(): Map<string, { writes: number; byKilled: boolean }>;
  attempts(): { total: number; failed: number };
  kill(): boolean;
  close(): Promise<void>;
}

async function startInProcess(options: ScaleOptions, receivers: Extract<ScaleReceivers, { kind: 'in-process' }>, leaseMs: number, failureRate: number): Promise<Running> {
  const tickets = new Map<string, { writes: number; byKilled: boolean }>();
  const attempts = { total: 0, failed: 0 };
  const started = await Promise.all(
    Array.from({ length: receivers.count ?? 1 }, () =>
      startReceiver({
        sdk: options.sdk,
        store: receivers.store,
        mode: options.mode,
        secret: SECRET,
        leaseMs,
        failureRate,
        maxFailuresPerKey: 3,
        onTicket: (id) => tickets.set(id, { writes: (tickets.get(id)?.writes ?? 0) + 1, byKilled: false }),
        onAttempt: (failed) => {
          attempts.total++;
          if (failed) attempts.failed++;
        },
      }),
    ),
  );
  return {
    urls: started.map((r) => r.url),
    tickets: () => tickets,
    attempts: () => attempts,
    kill: () => false,
    close: async () => void (await Promise.all(started.map((r) => r.close()))),
  };
}

async function startProcesses(options: ScaleOptions, receivers: Extract<ScaleReceivers, { kind: 'processes' }>, leaseMs: number, failureRate: number): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'kler-webhook-scale-'));
  const children: { child: ChildProcess; file: string }[] = [];
  const urls: string[] = [];
  for (let i = 0; i < (receivers.count ?? 2); i++) {
    const file = join(dir, `tickets-${i}.log`);
    const child = spawn(process.execPath, [PROCESS_SCRIPT], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        ...receivers.env,
        KLER_SCALE_STORE: receivers.storeModule,
        KLER_SCALE_MODE: options.mode,
        KLER_SCALE_SECRET: SECRET,
        KLER_SCALE_LEASE_MS: String(leaseMs),
        KLER_SCALE_FAILURE_RATE: String(failureRate),
        KLER_SCALE_MAX_FAILURES: '3',
        KLER_SCALE_TICKETS: file,
      },
    });
    children.push({ child, file });
    urls.push(
      await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const match = /listening (\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`receiver process ${i} exited (${code}) before listening`)));
      }),
    );
  }
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  let killed = false;
  return {
    urls,
    tickets() {
      const tickets = new Map<string, { writes: number; byKilled: boolean }>();
      children.forEach(({ file }, index) => {
        for (const line of read(file).split('\n').filter(Boolean)) {
          const id = line.split(' ')[0]!;
          const seen = tickets.get(id);
          tickets.set(id, { writes: (seen?.writes ?? 0) + 1, byKilled: (seen?.byKilled ?? false) || (killed && index === 0) });
        }
      });
      return tickets;
    },
    attempts() {
      const marks = children.map(({ file }) => read(`${file}.attempts`)).join('');
      return { total: marks.length, failed: marks.split('').filter((m) => m === 'F').length };
    },
    kill() {
      if (killed) return false;
      killed = children[0]!.child.kill('SIGKILL');
      return killed;
    },
    async close() {
      await Promise.all(
        children.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.on('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the scenario once and reports what a ticketing backend would see. */
export async function runWebhookScale(options: ScaleOptions): Promise<ScaleReport> {
  const payments = options.payments ?? 1000;
  const duplicateRate = options.duplicateRate ?? 0.2;
  const failureRate = options.failureRate ?? 0.2;
  const leaseMs = options.leaseMs ?? 2_000;
  const { receivers } = options;
  const running =
    receivers.kind === 'in-process'
      ? await startInProcess(options, receivers, leaseMs, failureRate)
      : await startProcesses(options, receivers, leaseMs, failureRate);
  const kler = new KlerSender({ sign: options.sdk.signWebhook as never, secret: SECRET, targets: running.urls, baseDelayMs: options.baseDelayMs ?? 500, maxRetries: 5 });
  const killAt = receivers.kind === 'processes' && receivers.killAt !== null ? Math.floor(payments * (receivers.killAt ?? 0.5)) : -1;
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  let acknowledged = 0;
  let killed = false;
  let started = 0;

  const tasks: (() => Promise<boolean>)[] = [];
  const gaveUp: { startedAtMs: number; statuses: readonly (number | string)[] }[] = [];
  for (let i = 0; i < payments; i++) {
    const { body, webhookId } = paymentBody(run, i);
    const deliver = async (delayMs: number) => {
      if (delayMs) await sleep(delayMs);
      const startedAtMs = Math.round(performance.now() - started);
      const outcome = await kler.deliver(body, webhookId);
      if (!outcome.delivered) gaveUp.push({ startedAtMs, statuses: outcome.statuses });
      if (outcome.delivered && ++acknowledged === killAt) killed = running.kill();
      return outcome.delivered;
    };
    tasks.push(() => deliver(0));
    // A duplicate: a second delivery of the same message, racing the first.
    if ((i * 7919) % 100 < duplicateRate * 100) tasks.push(() => deliver(Math.random() * 20));
  }
  started = performance.now();
  const delivered = await pool(tasks, options.concurrency ?? 100);

  // Inbox work may still be running, and a takeover after the kill waits out a lease.
  const deadline = performance.now() + 30_000 + leaseMs * 4;
  while (performance.now() < deadline && running.tickets().size < payments) await sleep(20);
  const seconds = (performance.now() - started) / 1000;
  await sleep(leaseMs + 100); // room for a late duplicate (a takeover) to show up
  const tickets = running.tickets();
  const attempts = running.attempts();
  const inspect = receivers.kind === 'in-process' ? receivers.store : receivers.inspect;
  const deadLetters = inspect ? (await inspect.deadLetters()).filter((r) => r.key.includes(`txn_scale_${run}_`)).length : 0;
  await running.close();

  const written = [...tickets.values()];
  const reruns = (byKilled: boolean) => written.filter((t) => t.byKilled === byKilled).reduce((sum, t) => sum + t.writes - 1, 0);
  return {
    name: options.name,
    mode: options.mode,
    payments,
    deliveries: tasks.length,
    requests: kler.requests,
    undelivered: delivered.filter((ok) => !ok).length,
    undeliveredStatuses: gaveUp,
    ticketed: tickets.size,
    duplicates: reruns(false),
    rerunsAfterKill: reruns(true),
    lost: payments - tickets.size,
    deadLetters,
    handlerAttempts: attempts.total,
    failedAttempts: attempts.failed,
    killed,
    seconds,
    deliveriesPerSecond: tasks.length / seconds,
  };
}
