/**
 * A one-line progress counter on standard error, redrawn in place, shown only when standard
 * error is a terminal (never in pipes, files or CI logs).
 */
import type { CliIo } from './io.js';

/** A counter that redraws at most every `intervalMs`. */
export interface Progress {
  tick(count: number): void;
  /** Erases the line. */
  done(): void;
}

export function progressLine(io: CliIo, label: (count: number) => string, intervalMs = 100): Progress {
  if (!io.errIsTTY) return { tick: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    tick(count) {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      shown = true;
      io.err(`\r${label(count)}\u001b[K`);
    },
    done() {
      if (shown) io.err('\r\u001b[K');
    },
  };
}
