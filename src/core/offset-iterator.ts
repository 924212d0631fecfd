import { KlerError } from './errors.js';

/**
 * Offset pagination over a list that is sorted newest first and grows at the front while it is
 * read (decision 7), against a server that may page wrongly. Kler's list endpoints return a bare
 * array: no total, no `has_more`, no cursor, no documented page-size maximum. Three problems
 * follow, and this file is the answer to all of them. It owns the list-source types;
 * `pagination.ts` builds on them (never the other way round).
 *
 * 1. **The list moves.** When k transactions arrive between two requests, every older one moves
 *    k places down, so the next offset page starts with k items already seen. Continuing at the
 *    old offset can re-read items but never jump over one, since items only ever move later.
 *    Instead of remembering every id, the iterator re-reads one item per request: each request
 *    after the first starts at the last item handled (the *anchor*). Where the anchor turns up
 *    in the page says exactly how far the list moved; the items before it were already handled
 *    (or arrived after iteration began), the items after it are new. When more than a page
 *    arrived, the anchor is past the page, so the iterator skips pages until it finds it. This
 *    is exact for a shift of any size and needs O(page) memory, which the benchmark checks.
 *    The price: each request brings `limit - 1` new items (with `limit: 1` it asks for 2), and
 *    if payments arrive faster than that per request the iterator keeps chasing them.
 *    A window of recently yielded ids guards, in addition, against an id repeated by the server.
 *    If the anchor disappears (Kler removed or reordered a transaction, which its docs never
 *    mention), offsets can no longer be trusted and the iterator throws `KlerListChangedError`
 *    rather than risk skipping or repeating a transaction.
 * 2. **"Short page" proves nothing.** A server may serve fewer than asked, on every page (a cap
 *    below `limit`) or on some (a short page in the middle). So no page length ends the list:
 *    only an answer with nothing after the anchor does, confirmed by one read just past it that
 *    comes back empty. A server that serves one item per page cannot hold the anchor and a new
 *    item at once; after that confirming read the iterator reads offset by offset instead,
 *    dropping re-read items through the window of recent ids, and returns to anchors as soon as
 *    a page holds two items. Cost: one request per `(page served - 1)` new items, plus two.
 * 3. **A server may ignore or clamp `offset`.** Then every answer repeats ids already seen and
 *    iteration would never end. An answer that yields nothing and holds no id the previous
 *    answer lacked is a *stall*. On the first stall the iterator asks for an offset no list
 *    reaches: an honest server answers `[]` there, one that ignores offset answers rows, and the
 *    iterator throws `KlerPaginationError`. Stalls also happen, rarely, when exactly one page
 *    arrives per request; after `MAX_STALLS` in a row it throws too, rather than loop.
 */

/**
 * Fetches `limit` items starting at `offset`, as the server orders them; `signal`, when given,
 * cancels that one request (parallel pages abort the ones a `break` leaves in flight).
 */
export type FetchItems<T> = (offset: number, limit: number, signal?: AbortSignal) => Promise<T[]>;

/** What a `PagePromise` needs to read a list, prepared (and validated) on first use. */
export interface OffsetListSource<T> {
  /** Fetches one page of items; called once per page as iteration or `nextPage()` needs it. */
  fetch: FetchItems<T>;
  /** The item's unique id (for transactions, `id`). */
  idOf: (item: T) => string;
  /** Where the first page starts. */
  offset: number;
  /** How many items to ask for per request. */
  limit: number;
  /** How error messages name the list, e.g. `transactions.list({ session_id: "abc" })`. */
  label: string;
  /** Read pages in parallel (see `parallel-pages.ts`); absent: sequential reads. */
  parallel?: ParallelReads | undefined;
}

/** How a list that can no longer move is read several pages at a time. */
export interface ParallelReads {
  /** Pages in flight or held at once. */
  concurrency: number;
  /** Resolves once the list is known not to move (a closed session); rejects otherwise. */
  check: () => Promise<void>;
}

/** The first page as it was read, where iteration continues from. */
export interface FirstPage<T> {
  /** The items the server answered. */
  readonly data: readonly T[];
  /** The offset they were requested at. */
  readonly offset: number;
  /** The page size that was asked for. */
  readonly limit: number;
}

/** Ids remembered beyond the anchor, to drop an id the server repeats. Bounded: memory stays flat. */
export const RECENT_IDS_MIN = 1_000;
/** An offset no event's list reaches: an honest server answers `[]` there. */
export const PROBE_OFFSET = 1_000_000_000;
/** Answers in a row that bring nothing new before iteration gives up. */
export const MAX_STALLS = 10;
/**
 * Answers in a row that yield nothing, whatever they hold, before iteration gives up: a server
 * cycling through pages it already served. Skipping arrivals also yields nothing, so this allows
 * 100 pages of payments to arrive between two requests.
 */
const MAX_IDLE = 100;

/**
 * While iterating, the list changed in a way offset pagination cannot follow: the last item
 * handled is no longer at or after its place (an item was removed, or the order changed). The
 * iterator stops rather than risk skipping or repeating items; start a new iteration.
 */
export class KlerListChangedError extends KlerError {
  static override readonly kind: string = 'KlerListChangedError';
  /** The id of the item that went missing from its place. */
  declare readonly anchorId: string;

  constructor(message: string, anchorId: string) {
    super(message);
    this.anchorId = anchorId;
  }
}

/**
 * The server's pages cannot be followed: it answers the same rows whatever `offset` is asked
 * (it ignores or clamps `offset`), or keeps answering nothing new. Iteration stops after a
 * bounded number of requests instead of looping; rows already yielded were each yielded once.
 */
export class KlerPaginationError extends KlerError {
  static override readonly kind: string = 'KlerPaginationError';
  /** Requests the iteration sent before it stopped. */
  declare readonly requests: number;

  constructor(message: string, requests: number) {
    super(message);
    this.requests = requests;
  }
}

/** Remembers the last `capacity` ids, forgetting the oldest first. */
export class RecentIds {
  readonly #ids = new Set<string>();
  readonly #order: (string | undefined)[];
  readonly #capacity: number;
  #next = 0;

  /** Remembers up to `capacity` ids. */
  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#order = new Array<string | undefined>(capacity);
  }

  /** Whether `id` is among the remembered ones. */
  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Remembers `id`, forgetting the oldest when full. */
  add(id: string): void {
    const evicted = this.#order[this.#next];
    if (evicted !== undefined) this.#ids.delete(evicted);
    this.#order[this.#next] = id;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#ids.add(id);
  }
}

/**
 * Yields every item from `first` on, each id once. `from` is the offset the current answer was
 * requested at; `anchor` is the id of the last item handled, which the next request re-reads.
 * @throws {KlerListChangedError} when the anchor is gone from the list.
 * @throws {KlerPaginationError} when the server's answers stop bringing anything new.
 */
export async function* iterateFrom<T>(source: OffsetListSource<T>, first: FirstPage<T>): AsyncGenerator<T, void, undefined> {
  const { fetch, idOf, label } = source;
  const recent = new RecentIds(Math.max(RECENT_IDS_MIN, source.limit * 4));
  // After the first page each request re-reads the anchor, so it needs room for one new item.
  const overlapLimit = Math.max(source.limit, 2);
  let requests = 1;
  let items: readonly T[] = first.data;
  let from = first.offset; // where `items` was requested
  let asked = first.limit;
  // How `items` was read: the first page, a re-read starting at the anchor, or a read starting
  // just past the last item of a short answer.
  let mode: 'first' | 'reread' | 'past' = 'first';
  let anchor: string | undefined; // the last item of the previous answer, the furthest point read
  let previous = new Set<string>(); // the ids of the answer before this one
  let stalls = 0;
  let largest = 0; // the most items one answer held
  let idle = 0; // answers in a row that yielded nothing

  const read = (offset: number, limit: number): Promise<T[]> => {
    requests++;
    return fetch(offset, limit);
  };
  const fail = (why: string): KlerPaginationError =>
    new KlerPaginationError(
      `${label}: ${why}; stopped after ${requests} requests (rows so far were each yielded once).`,
      requests,
    );

  for (;;) {
    const served = items.length;
    largest = Math.max(largest, served);
    if (served === 0) {
      if (mode === 'reread') {
        throw new KlerListChangedError(
          `${label}: the list ends before ${JSON.stringify(anchor)}: a transaction was removed or the order ` +
            'changed, so offsets cannot be followed without skipping or repeating items. Start again.',
          anchor!,
        );
      }
      return; // nothing at all, or nothing past the last item: the end
    }
    const at = anchor === undefined ? -1 : indexOfId(items, anchor, idOf);
    // A re-read without the anchor: more than a page arrived since the last request, so the
    // whole answer is before the anchor. Skip it and keep looking.
    const skip = mode === 'reread' && at === -1;
    let yielded = 0;
    for (let i = skip ? served : mode === 'reread' ? at + 1 : 0; i < served; i++) {
      const item = items[i]!;
      const id = idOf(item);
      if (recent.has(id)) continue; // read before: the list moved, or the server repeats it
      recent.add(id);
      yielded++;
      yield item;
    }

    const full = served >= asked;
    // A short re-read holding the anchor is the normal way to the end (a read past it follows).
    const endingStep = mode === 'reread' && at !== -1 && !full;
    idle = yielded === 0 ? idle + 1 : 0;
    if (idle > MAX_IDLE) {
      throw fail(`${idle} answers in a row brought no new transaction`);
    }
    if (!endingStep && yielded === 0 && items.every((item) => previous.has(idOf(item)))) {
      stalls++;
      if (stalls === 1 && (await read(PROBE_OFFSET, asked)).length > 0) {
        throw fail(`the server answers rows at offset ${PROBE_OFFSET} too: it ignores or clamps offset`);
      }
      if (stalls >= MAX_STALLS) {
        throw fail(`${stalls} answers in a row brought nothing new (offset ignored, or a page arriving per request)`);
      }
    } else {
      stalls = 0;
    }
    previous = new Set(items.map(idOf));

    if (skip) {
      from += served;
    } else if (full) {
      // Re-read the last item: its position in the next answer measures how far the list moved.
      anchor = idOf(items[served - 1]!);
      from += served - 1;
      mode = 'reread';
    } else if (mode === 'past' && at === served - 1 && served < largest) {
      // Reading past a short answer found that answer's last item again (moved down by payments
      // that arrived) as its own last item, though the server has served longer pages: the end.
      return;
    } else {
      // A short answer proves nothing: a server may cap pages below `limit` (down to one item,
      // which cannot hold the anchor and a new item), or serve a short page in the middle. Read
      // on from just past it; items the list pushed down into that read are recent, and dropped.
      anchor = idOf(items[served - 1]!);
      from += served;
      mode = 'past';
    }
    asked = overlapLimit;
    items = await read(from, asked);
  }
}

function indexOfId<T>(items: readonly T[], id: string, idOf: (item: T) => string): number {
  for (let i = 0; i < items.length; i++) if (idOf(items[i]!) === id) return i;
  return -1;
}
