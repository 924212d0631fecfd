/**
 * The store's operations over Durable Object storage, run inside the object. One object holds
 * one store, so each request runs alone: the storage transaction (and the object's input gate)
 * keep every read-then-write atomic, and `Date.now()` is the one clock every caller shares.
 *
 * Layout: `r:<key>` the record; indexes that point back at it, rewritten with it:
 * `q:<time>:<key>` inbox records by when they can next be leased, `d:<time>:<key>` dead records
 * by when they died, `e:<time>:<key>` done records by when they may be forgotten.
 */
import type { WebhookClaim, WebhookInboxRecord, WebhookLeasedRecord } from '../store.js';
import { newLeaseToken } from './shared.js';

/** The slice of Durable Object storage (or of a transaction on it) the store uses. */
export interface DurableObjectStorageOps {
  /** Reads one key. */
  get(key: string): Promise<unknown>;
  /** Writes several keys. */
  put(entries: Record<string, unknown>): Promise<void>;
  /** Deletes several keys. */
  delete(keys: string[]): Promise<number>;
  /** Lists keys in order, from a prefix up to `end` (exclusive). */
  list(options: { prefix: string; end?: string; limit?: number }): Promise<Map<string, unknown>>;
}

interface Rec {
  s: 'p' | 'd' | 'x';
  a: number;
  v: number;
  t?: string | undefined;
  l?: number | undefined;
  e?: string | undefined;
  r?: string | undefined;
  /** When a done record may be forgotten (absent: never). */
  until?: number | undefined;
  /** The index entries this record owns (queue, dead, expiry). */
  ix: string[];
}

const pad = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');
const upTo = (prefix: string, now: number) => `${prefix}${pad(now)};`; // ';' sorts after ':'

/** One operation on the store, as sent to the object. */
export type DurableObjectStoreRequest =
  | { op: 'claim'; key: string; leaseMs: number }
  | { op: 'complete'; key: string; token: string; retainMs: number | null }
  | { op: 'release'; key: string; token: string }
  | { op: 'enqueue'; key: string; event: string }
  | { op: 'lease'; limit: number; leaseMs: number }
  | { op: 'fail'; key: string; token: string; error: string; retryInMs: number; dead: boolean }
  | { op: 'deadLetters'; limit: number }
  | { op: 'replay'; key: string };

/** Runs `request` against `storage` at time `now`; the caller wraps it in a transaction. */
export async function runDurableObjectStoreOp(storage: DurableObjectStorageOps, request: DurableObjectStoreRequest, now: number): Promise<unknown> {
  const load = async (key: string) => {
    const rec = (await storage.get(`r:${key}`)) as Rec | undefined;
    if (rec?.s !== 'd' || rec.until === undefined || rec.until > now) return rec;
    await storage.delete([`r:${key}`, ...rec.ix]); // retention passed: the key is absent again
    return undefined;
  };
  /** Writes `rec` with exactly the index entries its state calls for. */
  const save = async (key: string, rec: Rec) => {
    const ix: string[] = [];
    if (rec.s === 'p' && rec.e !== undefined) ix.push(`q:${pad(rec.t ? rec.l! : rec.v)}:${key}`);
    if (rec.s === 'x') ix.push(`d:${pad(now)}:${key}`);
    if (rec.s === 'd' && rec.until !== undefined) ix.push(`e:${pad(rec.until)}:${key}`);
    const stale = rec.ix.filter((k) => !ix.includes(k));
    if (stale.length) await storage.delete(stale);
    const entries: Record<string, unknown> = { [`r:${key}`]: { ...rec, ix } };
    for (const k of ix) if (!rec.ix.includes(k)) entries[k] = key;
    await storage.put(entries);
  };
  // Forget done records whose retention passed, a few per request.
  const expired = await storage.list({ prefix: 'e:', end: upTo('e:', now), limit: 20 });
  if (expired.size) await storage.delete([...expired.keys(), ...[...expired.values()].map((k) => `r:${String(k)}`)]);

  switch (request.op) {
    case 'claim': {
      const rec = await load(request.key);
      if (rec?.s === 'd') return { status: 'done' } satisfies WebhookClaim;
      if (rec?.t && rec.l! > now) return { status: 'in_progress', leaseExpiresAt: rec.l! } satisfies WebhookClaim;
      const token = newLeaseToken();
      const next: Rec = { ...(rec ?? { v: now, ix: [] }), s: 'p', a: (rec?.a ?? 0) + 1, t: token, l: now + request.leaseMs };
      await save(request.key, next);
      return { status: 'acquired', token, attempt: next.a } satisfies WebhookClaim;
    }
    case 'enqueue': {
      if (await load(request.key)) return 'duplicate';
      await save(request.key, { s: 'p', a: 0, v: now, e: request.event, ix: [] });
      return 'enqueued';
    }
    case 'lease': {
      const due = await storage.list({ prefix: 'q:', end: upTo('q:', now), limit: request.limit });
      const out: WebhookLeasedRecord[] = [];
      for (const key of due.values()) {
        const k = String(key);
        const rec = await load(k);
        if (!rec || rec.s !== 'p' || rec.e === undefined || rec.v > now || (rec.t && rec.l! > now)) continue;
        const token = newLeaseToken();
        const next: Rec = { ...rec, a: rec.a + 1, t: token, l: now + request.leaseMs };
        await save(k, next);
        out.push({ key: k, event: rec.e, attempts: next.a, state: 'pending', availableAt: rec.v, lastError: rec.r, token });
      }
      return out;
    }
    case 'deadLetters': {
      const dead = await storage.list({ prefix: 'd:', limit: request.limit });
      const out: WebhookInboxRecord[] = [];
      for (const key of dead.values()) {
        const rec = await load(String(key));
        if (rec?.s === 'x') out.push({ key: String(key), event: rec.e ?? '', attempts: rec.a, state: 'dead', availableAt: rec.v, lastError: rec.r });
      }
      return out;
    }
    case 'replay': {
      const rec = await load(request.key);
      if (rec?.s !== 'x') return false;
      await save(request.key, { ...rec, s: 'p', a: 0, v: now, t: undefined, l: undefined });
      return true;
    }
    default: {
      const rec = await load(request.key);
      if (!rec?.t || rec.t !== request.token) return false;
      const held: Rec = { ...rec, t: undefined, l: undefined };
      if (request.op === 'complete') {
        const until = request.retainMs === null ? undefined : now + request.retainMs;
        await save(request.key, { s: 'd', a: rec.a, v: rec.v, until, ix: rec.ix });
      } else if (request.op === 'release') {
        await save(request.key, { ...held, v: now });
      } else {
        await save(request.key, { ...held, s: request.dead ? 'x' : 'p', r: request.error, v: now + request.retryInMs });
      }
      return true;
    }
  }
}
