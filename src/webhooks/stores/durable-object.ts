/**
 * The Cloudflare Durable Object store: `KlerWebhookStoreObject` (the object class a Worker
 * exports) keeps the records in its storage; `createDurableObjectWebhookStore` is the store a
 * Worker uses, talking to the object through its stub's `fetch`. No `cloudflare:` import, so
 * `./webhooks` still loads everywhere.
 */
import { KlerConfigurationError } from '../../core/errors.js';
import type {
  WebhookClaim,
  WebhookClaimOptions,
  WebhookCompleteOptions,
  WebhookFailOptions,
  WebhookInboxRecord,
  WebhookInboxStore,
  WebhookLeasedRecord,
} from '../store.js';
import { runDurableObjectStoreOp, type DurableObjectStorageOps, type DurableObjectStoreRequest } from './durable-object-logic.js';
import { checkKey, checkLimit, checkMs, checkRetain, refuseWorkersKv } from './shared.js';

/** The slice of a Durable Object's `state` (`ctx`) the store object uses. */
export interface DurableObjectStateLike {
  /** The object's storage (`ctx.storage`). */
  readonly storage: DurableObjectStorageOps & {
    /** Runs `closure` as one storage transaction. */
    transaction?<T>(closure: (txn: DurableObjectStorageOps) => Promise<T>): Promise<T>;
  };
}

/** The slice of a Durable Object stub the store uses (`namespace.get(id)`). */
export interface DurableObjectStubLike {
  /** Sends a request to the object. */
  fetch(input: string, init: { method: string; body: string; headers: Record<string, string> }): Promise<Response>;
}

/** The slice of a Durable Object namespace binding the store uses. */
export interface DurableObjectNamespaceLike {
  /** The id of the object called `name`. */
  idFromName(name: string): unknown;
  /** A stub for the object with `id`. */
  get(id: never): DurableObjectStubLike;
}

/**
 * The Durable Object class that holds a webhook store. Export it from your Worker and bind it
 * (wrangler: `durable_objects.bindings = [{ name = "KLER_WEBHOOKS", class_name =
 * "KlerWebhookStoreObject" }]`, plus a migration declaring the class); then pass the binding to
 * `createDurableObjectWebhookStore`. Works with key-value and SQLite-backed storage.
 * @example
 * // worker.ts
 * export { KlerWebhookStoreObject } from '@kler/sdk/webhooks';
 */
export class KlerWebhookStoreObject {
  readonly #state: DurableObjectStateLike;

  /** Called by the Workers runtime with the object's state. */
  constructor(state: DurableObjectStateLike, _env?: unknown) {
    this.#state = state;
  }

  /** Answers one store operation sent by `createDurableObjectWebhookStore`. */
  async fetch(request: Request): Promise<Response> {
    let body: DurableObjectStoreRequest;
    try {
      body = (await request.json()) as DurableObjectStoreRequest;
    } catch {
      return Response.json({ error: 'expected a JSON store operation' }, { status: 400 });
    }
    const storage = this.#state.storage;
    const now = Date.now();
    const run = (ops: DurableObjectStorageOps) => runDurableObjectStoreOp(ops, body, now);
    try {
      const result = storage.transaction ? await storage.transaction(run) : await run(storage);
      return Response.json({ result });
    } catch (error) {
      return Response.json({ error: String((error as Error)?.message ?? error) }, { status: 500 });
    }
  }
}

/** Options of `createDurableObjectWebhookStore`. */
export interface DurableObjectWebhookStoreOptions {
  /**
   * The name of the object holding the store, when a namespace is passed (`idFromName`). Every
   * Worker that shares the store must use the same name.
   * @default 'kler-webhooks'
   */
  readonly name?: string;
}

const STORE = 'Durable Object webhook store';

function stubOf(target: unknown, name: string): DurableObjectStubLike {
  refuseWorkersKv('createDurableObjectWebhookStore', target);
  const t = target as Partial<DurableObjectNamespaceLike & DurableObjectStubLike> | null;
  if (t && typeof t.idFromName === 'function' && typeof t.get === 'function') return t.get(t.idFromName(name) as never);
  if (t && typeof t.fetch === 'function') return t as DurableObjectStubLike;
  throw new KlerConfigurationError(
    'createDurableObjectWebhookStore takes the Durable Object namespace bound to KlerWebhookStoreObject ' +
      '(env.KLER_WEBHOOKS) or a stub of it (env.KLER_WEBHOOKS.get(id)).',
  );
}

/**
 * A `WebhookInboxStore` in a Durable Object (`KlerWebhookStoreObject`), for Cloudflare
 * Workers: every operation runs inside the one object, atomically, on its clock.
 * @throws {KlerConfigurationError} when given neither a namespace nor a stub (or a Workers KV
 *   namespace, which is not atomic).
 * @example
 * import { createDurableObjectWebhookStore } from '@kler/sdk/webhooks';
 *
 * export default {
 *   async fetch(request: Request, env: Env) {
 *     const store = createDurableObjectWebhookStore(env.KLER_WEBHOOKS);
 *     // ... createWebhookHandler({ store, ... }).fetch(request)
 *   },
 * };
 */
export function createDurableObjectWebhookStore(
  namespaceOrStub: DurableObjectNamespaceLike | DurableObjectStubLike,
  options: DurableObjectWebhookStoreOptions = {},
): WebhookInboxStore {
  const stub = stubOf(namespaceOrStub, options.name ?? 'kler-webhooks');
  async function call<T>(request: DurableObjectStoreRequest): Promise<T> {
    const response = await stub.fetch(`https://kler-webhook-store/${request.op}`, {
      method: 'POST',
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
    });
    const reply = (await response.json().catch(() => ({}))) as { result?: T; error?: string };
    if (!response.ok || !('result' in reply)) {
      throw new Error(`${STORE}: ${request.op} failed with ${response.status}: ${reply.error ?? 'no answer'}`);
    }
    return reply.result as T;
  }
  return {
    claim: async (key: string, o: WebhookClaimOptions) =>
      call<WebhookClaim>({ op: 'claim', key: checkKey(STORE, key), leaseMs: checkMs(STORE, 'leaseMs', o?.leaseMs) }),
    complete: async (key: string, token: string, o: WebhookCompleteOptions) =>
      call<boolean>({ op: 'complete', key: checkKey(STORE, key), token: String(token), retainMs: checkRetain(STORE, o?.retainMs) }),
    release: async (key: string, token: string) => {
      await call<boolean>({ op: 'release', key: checkKey(STORE, key), token: String(token) });
    },
    enqueue: async (key: string, event: string, o: WebhookCompleteOptions) => {
      checkRetain(STORE, o?.retainMs);
      if (typeof event !== 'string') throw new KlerConfigurationError(`${STORE}: enqueue takes the event as a JSON string.`);
      return call<'enqueued' | 'duplicate'>({ op: 'enqueue', key: checkKey(STORE, key), event });
    },
    lease: async (o: { readonly limit: number; readonly leaseMs: number }) =>
      call<WebhookLeasedRecord[]>({ op: 'lease', limit: checkLimit(STORE, o?.limit), leaseMs: checkMs(STORE, 'leaseMs', o.leaseMs) }),
    fail: async (key: string, token: string, o: WebhookFailOptions) =>
      call<boolean>({
        op: 'fail',
        key: checkKey(STORE, key),
        token: String(token),
        error: String(o?.error),
        retryInMs: checkMs(STORE, 'retryInMs', o?.retryInMs, 0),
        dead: o.dead === true,
      }),
    deadLetters: async (o?: { readonly limit?: number }) =>
      call<WebhookInboxRecord[]>({ op: 'deadLetters', limit: checkLimit(STORE, o?.limit ?? 100) }),
    replay: async (key: string) => call<boolean>({ op: 'replay', key: checkKey(STORE, key) }),
  };
}
