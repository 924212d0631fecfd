/**
 * A guard against JSON nested so deep that the SDK's recursive checks (validation, scrubbing,
 * message search) would overflow the stack with a raw `RangeError`. Its own file, with no
 * imports, so `./webhooks` can use it without pulling in anything else.
 */

/** Deepest JSON nesting the SDK parses; Kler's bodies nest about 4 levels. */
export const MAX_JSON_DEPTH = 256;

/**
 * Whether `text`, read as JSON, nests arrays and objects deeper than `max` levels. A linear scan
 * that skips string contents, so a hostile body is refused before `JSON.parse` and the
 * recursive checks after it ever see it.
 */
export function nestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  // Fast path for every ordinary body: with no more than `max` brackets in all, nothing can
  // nest deeper (one native regex pass).
  if ((text.match(/[[{]/g)?.length ?? 0) <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
