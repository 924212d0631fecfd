/**
 * The in-memory `WebhookInboxStore`: the reference implementation of the lease protocol, for a
 * handler running in ONE process (and for tests). Every method runs synchronously inside one
 * turn of the event loop, which is what makes it atomic.
 */
import { KlerConfigurationError } from '../core/errors.js';
import type {
  WebhookClaim,
  WebhookInboxRecord,
  WebhookInboxStore,
  WebhookLeasedRecord,
} from './store.js';

/** Options of `createMemoryWebhookStore`. */
export interface MemoryWebhookStoreOptions {
  /**
   * The most keys kept. Done keys past their retention are dropped first; when the store is
   * still full, a new key is refused (the handler answers 503, so Kler comes back) rather than
   * forgetting a key that might be redelivered — pending work and dead letters are never evicted.
   * @default 100_000
   */
  maxEntries?: number;
}

/** The memory store: a `WebhookInboxStore` that also says how many keys it holds. */
export interface MemoryWebhookStore extends WebhookInboxStore {
  /** How many keys are held (done keys past retention may count until the next write). */
  readonly size: number;
}

interface Entry {
  state: 'pending' | 'done' | 'dead';
  /** The verified event, for inbox records; `undefined` for keys only ever claimed inline. */
  event: string | undefined;
  attempts: number;
  availableAt: number;
  token: string | undefined;
  leaseExpiresAt: number;
  lastError: string | undefined;
  /** When a done key may be forgotten; `null` never. */
  forgetAt: number | null;
}

/**
 * Creates an in-memory webhook store for ONE process: claims, leases and the inbox live in this
 * process only, so with several instances (or serverless functions) use a shared store (Redis,
 * PostgreSQL, a Durable Object). A crash loses it, inbox included.
 * @throws {KlerConfigurationError} when `maxEntries` is not a whole number of 1 or more.
 * @example
 * const handler = createWebhookHandler({ secret, store: createMemoryWebhookStore(), on: { … } });
 */
export function createMemoryWebhookStore(options: MemoryWebhookStoreOptions = {}): MemoryWebhookStore {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new KlerConfigurationError(`maxEntries must be a whole number of 1 or more, got ${String(maxEntries)}.`);
  }
  const entries = new Map<string, Entry>();
  // Keys by role, so lease() and the retention sweep never scan done keys one by one.
  const inbox = new Set<string>(); // pending records with an event, in enqueue order
  const done = new Set<string>(); // done keys, in completion order
  const dead = new Set<string>(); // dead letters, in dead-lettering order
  let tokens = 0;

  const forget = (key: string): void => {
    entries.delete(key);
    inbox.delete(key);
    done.delete(key);
    dead.delete(key);
  };
  /** Drops done keys past retention: from the front (one retention is usual), all when full. */
  const sweep = (now: number, all: boolean): void => {
    for (const key of done) {
      const forgetAt = entries.get(key)?.forgetAt;
      if (forgetAt !== null && forgetAt !== undefined && forgetAt <= now) forget(key);
      else if (!all) break;
    }
  };
  const room = (now: number): void => {
    sweep(now, false);
    if (entries.size < maxEntries) return;
    sweep(now, true);
    if (entries.size >= maxEntries) {
      throw new KlerConfigurationError(
        `The memory webhook store is full (${maxEntries} keys, none past retention): raise maxEntries, shorten retainMs, or use a shared store.`,
      );
    }
  };
  const fresh = (event: string | undefined, now: number): Entry => ({
    state: 'pending',
    event,
    attempts: 0,
    availableAt: now,
    token: undefined,
    leaseExpiresAt: 0,
    lastError: undefined,
    forgetAt: null,
  });
  const live = (key: string, now: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.state === 'done' && entry.forgetAt !== null && entry.forgetAt <= now) {
      forget(key);
      return undefined;
    }
    return entry;
  };
  const acquire = (entry: Entry, now: number, leaseMs: number): string => {
    entry.token = `${++tokens}.${Math.random().toString(36).slice(2)}`;
    entry.leaseExpiresAt = now + leaseMs;
    entry.attempts += 1;
    return entry.token;
  };
  const held = (key: string, token: string): Entry | undefined => {
    const entry = entries.get(key);
    return entry?.state === 'pending' && entry.token === token ? entry : undefined;
  };
  const record = (key: string, entry: Entry): WebhookInboxRecord => ({
    key,
    event: entry.event ?? '',
    attempts: entry.attempts,
    state: entry.state,
    availableAt: entry.availableAt,
    lastError: entry.lastError,
  });

  return {
    get size() {
      return entries.size;
    },
    async claim(key, { leaseMs }): Promise<WebhookClaim> {
      const now = Date.now();
      let entry = live(key, now);
      if (entry?.state === 'done') return { status: 'done' };
      if (entry && entry.token !== undefined && entry.leaseExpiresAt > now) {
        return { status: 'in_progress', leaseExpiresAt: entry.leaseExpiresAt };
      }
      if (!entry) {
        room(now);
        entry = fresh(undefined, now);
        entries.set(key, entry);
      }
      // A dead letter claimed inline is worked again: the caller asked for it. Its recorded
      // event goes back to the inbox, so a release or failure of this claim leaves it leasable.
      if (entry.state === 'dead') {
        entry.state = 'pending';
        dead.delete(key);
        if (entry.event !== undefined) inbox.add(key);
      }
      const token = acquire(entry, now, leaseMs);
      return { status: 'acquired', token, attempt: entry.attempts };
    },
    async complete(key, token, { retainMs }) {
      const entry = held(key, token);
      if (!entry) return false;
      entry.state = 'done';
      entry.token = undefined;
      entry.forgetAt = retainMs === null ? null : Date.now() + retainMs;
      inbox.delete(key);
      done.add(key);
      return true;
    },
    async release(key, token) {
      const entry = held(key, token);
      if (!entry) return;
      entry.token = undefined;
      entry.availableAt = Date.now();
    },
    async enqueue(key, event) {
      const now = Date.now();
      if (live(key, now)) return 'duplicate';
      room(now);
      entries.set(key, fresh(event, now));
      inbox.add(key);
      return 'enqueued';
    },
    async lease({ limit, leaseMs }) {
      const now = Date.now();
      const leased: WebhookLeasedRecord[] = [];
      for (const key of inbox) {
        if (leased.length >= limit) break;
        const entry = entries.get(key)!;
        if (entry.availableAt > now || (entry.token !== undefined && entry.leaseExpiresAt > now)) continue;
        const token = acquire(entry, now, leaseMs);
        leased.push({ ...record(key, entry), token });
      }
      return leased;
    },
    async fail(key, token, { error, retryInMs, dead: toDead }) {
      const entry = held(key, token);
      if (!entry) return false;
      const now = Date.now();
      entry.token = undefined;
      entry.lastError = error;
      entry.availableAt = now + retryInMs;
      if (toDead) {
        entry.state = 'dead';
        inbox.delete(key);
        dead.add(key);
      }
      return true;
    },
    async deadLetters({ limit = Infinity } = {}) {
      const list: WebhookInboxRecord[] = [];
      for (const key of dead) {
        if (list.length >= limit) break;
        list.push(record(key, entries.get(key)!));
      }
      return list;
    },
    async replay(key) {
      const entry = entries.get(key);
      if (entry?.state !== 'dead') return false;
      entry.state = 'pending';
      entry.attempts = 0;
      entry.availableAt = Date.now();
      entry.token = undefined;
      dead.delete(key);
      if (entry.event !== undefined) inbox.add(key);
      return true;
    },
  };
}
