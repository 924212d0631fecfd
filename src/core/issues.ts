/**
 * zod issues as the SDK's errors report them: a dotted path per issue and one line each, and
 * scrubbed of the API key, since a record key or a message can quote what a server sent.
 */
import type { $ZodIssue } from 'zod/v4/core';
import { scrubJson } from './scrub.js';

/** A path as users write it: `pos_terminals.0.terminal_id`; `''` for the value itself. */
export const dottedPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** One line per issue, `  - path: message`; the first `max`, then how many more. */
export function issueLines(issues: readonly { path: readonly PropertyKey[]; message: string }[], root: string, max = 10): string {
  const lines = issues.slice(0, max).map((issue) => `  - ${dottedPath(issue.path) || root}: ${issue.message}`);
  if (issues.length > max) lines.push(`  … and ${issues.length - max} more`);
  return lines.join('\n');
}

/** `issues` with `secret` removed from every message, path segment and nested union issue. */
export const scrubIssues = (issues: readonly $ZodIssue[], secret: string | undefined): $ZodIssue[] =>
  scrubJson(issues, secret) as $ZodIssue[];
