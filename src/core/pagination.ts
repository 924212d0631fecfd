import { KlerError, KlerInvalidParamsError } from './errors.js';
import { iterateFrom, KlerPaginationError, MAX_STALLS, PROBE_OFFSET, type FetchItems, type OffsetListSource } from './offset-iterator.js';
import { iterateParallel } from './parallel-pages.js';

export type { FetchItems, OffsetListSource, ParallelReads } from './offset-iterator.js';

/**
 * The list-call result (`PagePromise`: awaitable for the first page, async-iterable for every
 * item) and its pages. How iteration stays exact while the list grows, and against a server that
 * pages wrongly, is in `offset-iterator.ts`, which owns the list-source types.
 */

/**
 * One page of a list, exactly as Kler returned it, plus what is needed to get the next one.
 * Pages are plain offset pages: when fetching them one by one during a live event, an item can
 * appear on two pages. `for await` over the list dedupes; manual paging does not. A `nextPage()`
 * that brings only rows of the page before it is checked as iteration checks it (a server that
 * ignores or clamps `offset` would otherwise make a manual loop run forever): see `nextPage`.
 * @example
 * const page = await kler.transactions.list({ session_id, limit: 20 });
 * render(page.data); // at most 20 transactions, newest first
 * const next = await page.nextPage(); // `null` after the last page
 */
export class Page<T> {
  // `declare`d: the constructor assigns them (see the note in core/errors.ts).
  /** The items, newest first. */
  declare readonly data: T[];
  /** The offset this page was requested at. */
  declare readonly offset: number;
  /** The page size that was asked for. */
  declare readonly limit: number;
  /**
   * Whether more items may follow: `true` for every non-empty page. Kler sends no total and
   * documents no page-size maximum, and a server may serve fewer than asked on any page, so a
   * short page is followed by one more read rather than silently ending the list. The next page
   * may turn out empty; only an empty page is the last.
   */
  declare readonly has_more: boolean;
  /** The offset of the next page, or `null` when this page was the last. */
  declare readonly next_offset: number | null;
  readonly #fetch: FetchItems<T>;

  /**
   * A page holding `data`, requested at `offset` with page size `limit`; `fetch` reads the pages
   * after it. `has_more` and `next_offset` follow from whether `data` is empty.
   */
  constructor(data: T[], offset: number, limit: number, fetch: FetchItems<T>) {
    this.data = data;
    this.offset = offset;
    this.limit = limit;
    this.has_more = data.length > 0;
    this.next_offset = this.has_more ? offset + data.length : null;
    this.#fetch = fetch;
  }

  /**
   * Fetches the next page, or returns `null` (not a promise) when this page was the last.
   * @throws {KlerPaginationError} when the next page holds only rows of this one and the server
   * also answers rows at an offset no list reaches (it ignores or clamps `offset`), or after
   * 10 such pages in a row: a manual loop ends instead of running forever.
   * @throws {KlerAPIError} when Kler answers with an error status (a subclass per status).
   * @throws {KlerConnectionError} when Kler cannot be reached after the retries, including
   * `KlerTimeoutError` and `KlerAbortError`.
   * @throws {KlerResponseValidationError} when Kler's answer is not the documented shape.
   * @example
   * for (let page: TransactionPage | null = await kler.transactions.list({ session_id }); page; page = await page.nextPage()) {
   *   render(page.data);
   * }
   */
  nextPage(): Promise<Page<T>> | null {
    if (this.next_offset === null) return null;
    const chain = chains.get(this) as PageChain<T> | undefined;
    return fetchPage(this.#fetch, this.next_offset, this.limit, chain && { ...chain, previous: this.data });
  }
}

/**
 * What a page knows of the pages before it, for `nextPage()` to notice a server that ignores
 * `offset`: kept beside the page (not in it), so `Page` stays the plain page it is documented as.
 */
interface PageChain<T> {
  idOf: (item: T) => string;
  label: string;
  /** Pages in a row that held only rows of the page before. */
  stalls: number;
  /** Requests since the first page. */
  requests: number;
}
const chains = new WeakMap<object, PageChain<never>>();

async function fetchPage<T>(
  fetch: FetchItems<T>,
  offset: number,
  limit: number,
  chain?: PageChain<T> & { previous?: readonly T[] },
): Promise<Page<T>> {
  const data = await fetch(offset, limit);
  const page = new Page(data, offset, limit, fetch);
  if (chain) {
    const { idOf, label, previous } = chain;
    const seen = new Set(previous?.map(idOf));
    // Iteration's stall (offset-iterator.ts): nothing the page before lacked. The first one
    // asks for an offset no list reaches, where an honest server answers `[]`.
    const stalls = previous && data.length > 0 && data.every((item) => seen.has(idOf(item))) ? chain.stalls + 1 : 0;
    let requests = chain.requests + 1;
    if (stalls >= MAX_STALLS || (stalls === 1 && (requests++, (await fetch(PROBE_OFFSET, limit)).length > 0))) {
      throw new KlerPaginationError(
        `${label}: the page at offset ${offset} holds only rows of the page before it: the server ignores or clamps offset; stopped after ${requests} requests.`,
        requests,
      );
    }
    chains.set(page, { idOf, label, stalls, requests } as PageChain<never>);
  }
  return page;
}

/**
 * The result of a list call: `await` it for the first page, or `for await` over it for every
 * item, fetched page by page as the loop asks for them. Nothing is requested until one of the two
 * happens; the first page is requested once and shared by both.
 * @example
 * const page = await kler.transactions.list({ session_id, limit: 20 }); // first page only
 * for await (const transaction of kler.transactions.list({ session_id })) {
 *   await credit(transaction); // each transaction exactly once, even while payments arrive
 * }
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #prepare: () => OffsetListSource<T>;
  #source: OffsetListSource<T> | undefined;
  #first: Promise<Page<T>> | undefined;

  /** `prepare` validates the call's arguments and returns how to fetch; it may throw. */
  constructor(prepare: () => OffsetListSource<T>) {
    this.#prepare = prepare;
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= (async () => {
      const source = (this.#source ??= this.#prepare());
      return fetchPage(source.fetch, source.offset, source.limit, { idOf: source.idOf, label: source.label, stalls: 0, requests: 0 });
    })();
    return this.#first;
  }

  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  /** Handles a failure to get the first page, as `Promise.prototype.catch` does. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.#firstPage().catch(onrejected);
  }

  /** Runs `onfinally` once the first page is settled, as `Promise.prototype.finally` does. */
  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.#firstPage().finally(onfinally);
  }

  /** `'PagePromise'`, so `Object.prototype.toString` names it. */
  get [Symbol.toStringTag](): string {
    return 'PagePromise';
  }

  /**
   * Every item of the list, each id once, fetching pages lazily. While items keep arriving at
   * the head of the list, none that existed when the loop began is skipped.
   * @throws {KlerListChangedError} if an item already read was removed or the order changed.
   * @throws {KlerPaginationError} if the server ignores or clamps `offset` (answers stop bringing anything new).
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    const source = (this.#source ??= this.#prepare());
    if (source.parallel) {
      await source.parallel.check();
      yield* iterateParallel(source, await this.#firstPage(), source.parallel.concurrency);
      return;
    }
    const first = await this.#firstPage();
    yield* iterateFrom(source, first);
  }

  /**
   * Collects every item into an array, refusing to hold more than `max`: if the list has more,
   * it throws instead of returning a silently truncated array.
   * @throws {KlerTooManyItemsError} when the list holds more than `max` items.
   * @throws {KlerInvalidParamsError} when `max` is not a whole number of at least 1.
   * @example
   * const all = await kler.transactions.list({ session_id }).toArray({ max: 10_000 });
   */
  async toArray(options: { max: number }): Promise<T[]> {
    const max = options?.max;
    if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1) {
      throw new KlerInvalidParamsError('toArray', [
        { field: 'max', message: `max must be a whole number of at least 1, got ${String(max)}` },
      ]);
    }
    const items: T[] = [];
    for await (const item of this) {
      if (items.length === max) {
        throw new KlerTooManyItemsError(
          `${this.#source!.label} has more than ${max} items: toArray({ max: ${max} }) never returns a truncated list. ` +
            'Raise max, or use `for await`.',
          max,
        );
      }
      items.push(item);
    }
    return items;
  }
}

/**
 * `toArray({ max })` found more than `max` items. Thrown instead of returning a partial list,
 * so a script never mistakes the first `max` items for all of them.
 */
export class KlerTooManyItemsError extends KlerError {
  static override readonly kind: string = 'KlerTooManyItemsError';
  /** The bound that was exceeded. */
  declare readonly max: number;

  constructor(message: string, max: number) {
    super(message);
    this.max = max;
  }
}
