/**
 * A one-line progress counter on standard error, redrawn in place, shown only when standard
 * error is a terminal (never in pipes, files or CI logs, where a redrawn line would be noise):
 * `Exported 12,345 transactions · 124 pages · 3,210/s · 0:04`.
 */
import type { CliIo } from './io.js';

/** Redraws per second at most: enough to look alive, few enough to cost nothing. */
const REDRAW_MS = 250;

/** A counter of rows read, drawn on a terminal and erased when done. */
export interface Progress {
  /** Records that `rows` rows have been handled so far; redraws if the last draw is old enough. */
  tick(rows: number): void;
  /** Erases the line (so the next message starts at the left margin) and stops redrawing. */
  done(): void;
}

/** What the progress line says and where its numbers come from. */
export interface ProgressOptions {
  /** The verb before the count, e.g. `Exported`. */
  verb: string;
  /** What is counted, plural, e.g. `transactions`. */
  noun: string;
  /** Pages (list requests) answered so far; omitted from the line when not given. */
  pages?: () => number;
  /**
   * The clock, in milliseconds.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * A progress line for `io`, or one that does nothing when standard error is not a terminal.
 * While rows are awaited it still redraws once a second, so the elapsed time keeps moving on a
 * slow network.
 * @example
 * const progress = progressLine(ctx.io, { verb: 'Fetched', noun: 'transactions', pages: ctx.pagesRead });
 * for await (const t of list) progress.tick(++count);
 * progress.done();
 */
export function progressLine(io: CliIo, options: ProgressOptions): Progress {
  if (!io.errIsTTY) return { tick: () => undefined, done: () => undefined };
  const now = options.now ?? Date.now;
  const started = now();
  let rows = 0;
  let drawn = -Infinity;
  let shown = false;
  const draw = () => {
    drawn = now();
    shown = true;
    io.err(`\r${progressText(rows, options.pages?.(), drawn - started, options)}\u001b[K`);
  };
  const timer = setInterval(() => now() - drawn >= REDRAW_MS && draw(), 1000);
  timer.unref?.();
  return {
    tick(count) {
      rows = count;
      if (now() - drawn >= REDRAW_MS) draw();
    },
    done() {
      clearInterval(timer);
      if (shown) io.err('\r\u001b[K');
    },
  };
}

/** The text of the line: rows, pages, rate and elapsed time. */
export function progressText(rows: number, pages: number | undefined, elapsedMs: number, options: Pick<ProgressOptions, 'verb' | 'noun'>): string {
  const parts = [`${options.verb} ${rows.toLocaleString('en')} ${options.noun}`];
  if (pages !== undefined) parts.push(`${pages.toLocaleString('en')} ${pages === 1 ? 'page' : 'pages'}`);
  // A rate over less than half a second is mostly noise.
  if (elapsedMs >= 500) parts.push(`${Math.round((rows * 1000) / elapsedMs).toLocaleString('en')}/s`);
  parts.push(clock(elapsedMs));
  return parts.join(' · ');
}

/** `m:ss`, or `h:mm:ss` past an hour. */
function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
