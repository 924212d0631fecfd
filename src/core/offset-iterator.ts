import { KlerError } from './errors.js';
import type { OffsetListSource, Page } from './pagination.js';

/**
 * Offset pagination over a list that is sorted newest first and grows at the front while it is
 * read (decision 7). Kler's list endpoints return a bare array: no total, no `has_more`, no
 * cursor. Two problems follow, and this file is the answer to both.
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
 * 2. **"Short page" is ambiguous.** Iteration ends on a page shorter than asked, but Kler's
 *    maximum page size is undocumented: if it serves fewer than asked, every page is "short".
 *    So a short page only ends the iteration once Kler has served a full page. Otherwise the
 *    iterator asks once more: if more items come, the short length was Kler's cap and becomes the
 *    full-page size from then on. Cost: one extra request for a list shorter than one page.
 */

/** Ids remembered beyond the anchor, to drop an id the server repeats. Bounded: memory stays flat. */
const RECENT_IDS_MIN = 1_000;

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

/** Remembers the last `capacity` ids, forgetting the oldest first. */
class RecentIds {
  readonly #ids = new Set<string>();
  readonly #order: (string | undefined)[];
  readonly #capacity: number;
  #next = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#order = new Array<string | undefined>(capacity);
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  add(id: string): void {
    const evicted = this.#order[this.#next];
    if (evicted !== undefined) this.#ids.delete(evicted);
    this.#order[this.#next] = id;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#ids.add(id);
  }
}

/**
 * Yields every item from `first` on, each id once. `from` is the offset the current page was
 * requested at; `anchor` is the id of the last item handled, which the next request re-reads.
 */
export async function* iterateFrom<T>(source: OffsetListSource<T>, first: Page<T>): AsyncGenerator<T, void, undefined> {
  const { fetch, idOf, label } = source;
  const recent = new RecentIds(Math.max(RECENT_IDS_MIN, source.limit * 4));
  // After the first page each request re-reads the anchor, so it needs room for one new item.
  const overlapLimit = Math.max(source.limit, 2);
  let items = first.data;
  let from = first.offset;
  let asked = first.limit;
  let anchor: string | undefined;
  let anchorOffset = 0; // where the anchor was last seen
  let servesAsked = false; // Kler has returned a page as long as asked
  let cap: number | undefined; // the page size Kler serves, once it showed one below `asked`
  let probe: number | undefined; // length of an ambiguous short page, while checking for more

  for (;;) {
    const served = items.length;
    const pageSize = cap ?? probe;
    const full = served >= asked || (pageSize !== undefined && served >= pageSize);
    let start = 0;
    if (anchor !== undefined) {
      const at = indexOfId(items, anchor, idOf);
      if (at === -1) {
        if (!full) {
          throw new KlerListChangedError(
            `${label}: the list ends before ${JSON.stringify(anchor)}, last seen at offset ${anchorOffset}: a transaction ` +
              'was removed or the order changed, so offsets cannot be followed without skipping or repeating items. Start again.',
            anchor,
          );
        }
        // More than a page arrived since the last request: this whole page is before the anchor.
        from += served;
        items = await fetch(from, asked);
        continue;
      }
      start = at + 1;
    }

    if (probe !== undefined) {
      if (start < served) {
        cap = probe; // more came: Kler serves at most `probe` items per page
        probe = undefined;
      } else if (!full) {
        return; // nothing after the short page: it was the end after all
      } // else a page arrived meanwhile and filled this one: ask again from the anchor
    }

    for (let i = start; i < served; i++) {
      const item = items[i]!;
      const id = idOf(item);
      if (recent.has(id)) continue;
      recent.add(id);
      yield item;
    }

    if (served === 0) return;
    if (served >= asked) servesAsked = true;
    if (!full) {
      if (servesAsked || cap !== undefined) return;
      // Shorter than asked on the first page: the end, or Kler's own cap? At least 2, since a
      // page must hold the anchor and one more item to make progress.
      probe = Math.max(served, 2);
    }
    anchor = idOf(items[served - 1]!);
    anchorOffset = from + served - 1;
    // Re-read the anchor: its position in the next page measures how far the list moved.
    from = anchorOffset;
    asked = overlapLimit;
    items = await fetch(from, asked);
  }
}

function indexOfId<T>(items: readonly T[], id: string, idOf: (item: T) => string): number {
  for (let i = 0; i < items.length; i++) if (idOf(items[i]!) === id) return i;
  return -1;
}
