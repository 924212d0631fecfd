import { RECENT_IDS_MIN, RecentIds, type FirstPage, type OffsetListSource } from './offset-iterator.js';

/**
 * Reading a list several pages at a time, for lists that can no longer move (a closed
 * session's transactions): offsets are then stable, so page k can be fetched before page k-1
 * arrives. Rows still come out in order, each once: pages are yielded in the order they were
 * asked for, and at most `concurrency` pages are held at once (requests in flight included).
 * A page shorter than the first one is the end or a server serving fewer there; either way the
 * pages asked for after it are aborted and reading goes on one page at a time from just past it
 * until an empty page, so nothing is skipped. A `break` (or an error) aborts what is in flight.
 */
export async function* iterateParallel<T>(
  source: OffsetListSource<T>,
  first: FirstPage<T>,
  concurrency: number,
): AsyncGenerator<T, void, undefined> {
  const { fetch, idOf, limit } = source;
  const recent = new RecentIds(Math.max(RECENT_IDS_MIN, limit * 4));
  const controller = new AbortController();
  const inFlight: { offset: number; rows: Promise<T[]> }[] = [];
  function* fresh(rows: readonly T[]): Generator<T, void, undefined> {
    for (const row of rows) {
      const id = idOf(row);
      if (recent.has(id)) continue;
      recent.add(id);
      yield row;
    }
  }
  // The first page's length is the page size the server serves (at most `limit`).
  const step = first.data.length;
  let next = first.offset + step;
  const launch = () => {
    const rows = fetch(next, limit, controller.signal);
    rows.catch(() => undefined); // an abandoned page must not be an unhandled rejection
    inFlight.push({ offset: next, rows });
    next += step;
  };
  try {
    yield* fresh(first.data);
    if (step === 0) return;
    while (inFlight.length < concurrency) launch();
    for (;;) {
      const head = inFlight.shift()!;
      let rows = await head.rows;
      if (rows.length < step) {
        controller.abort();
        let offset = head.offset;
        while (rows.length > 0) {
          yield* fresh(rows);
          offset += rows.length;
          rows = await fetch(offset, limit);
        }
        return;
      }
      yield* fresh(rows);
      // Launched once this page is handed over, so at most `concurrency` pages are held.
      launch();
    }
  } finally {
    controller.abort();
  }
}
