import type { $ZodIssue } from 'zod/v4/core';
import type { ZodMiniType } from 'zod/mini';
import { KlerInvalidParamsError, type KlerParamIssue } from './errors.js';
import { dottedPath } from './issues.js';

/**
 * Validates a method's arguments with `schema`, throwing `KlerInvalidParamsError` (naming each
 * field) before any request is built. Returns the parsed params: unknown keys kept.
 */
export function validateParams<T>(method: string, schema: ZodMiniType<T>, value: unknown): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KlerInvalidParamsError(method, [{ field: '', message: `expected an object of params, got ${describe(value)}` }]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new KlerInvalidParamsError(method, paramIssues(result.error.issues));
}

/** zod's issues as param issues: paths under `prefix` (the argument's name, if any), each with its dotted `field`. */
export function paramIssues(issues: readonly $ZodIssue[], prefix?: string): KlerParamIssue[] {
  return issues.map((issue) => {
    const path = prefix ? [prefix, ...issue.path] : issue.path;
    return { ...issue, path, field: dottedPath(path) };
  });
}

/**
 * Checks one id argument. Ids are opaque, but an empty id, or `.` / `..` (which URL parsing
 * would resolve to another route even when percent-encoded), can only be a bug.
 */
export function validateId(method: string, field: string, id: unknown): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new KlerInvalidParamsError(method, [{ field, message: `${field} must be a non-empty string, got ${describe(id)}` }]);
  }
  if (id === '.' || id === '..') {
    throw new KlerInvalidParamsError(method, [{ field, message: `${field} cannot be "${id}"` }]);
  }
  const broken = unencodableMessage(field, id);
  if (broken) throw new KlerInvalidParamsError(method, [{ field, message: broken }]);
  return id;
}

/** A lone UTF-16 surrogate: half of a character such as an emoji, which no URL or UTF-8 can carry. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why `text` cannot be sent as it is (it holds a lone surrogate, which URL encoding rejects and
 * UTF-8 would silently turn into U+FFFD, naming another object), or `undefined` when it can.
 */
export function unencodableMessage(field: string, text: string): string | undefined {
  const at = text.search(LONE_SURROGATE);
  if (at === -1) return undefined;
  return (
    `${field} holds a lone UTF-16 surrogate at index ${at} (half an emoji, say: text cut mid-character), which cannot be sent`
  );
}

/**
 * The first string inside `value` (a query or JSON body) that cannot be encoded, as a param
 * issue naming where it is, or `undefined`. Walks at most 64 levels: bodies are built by the SDK.
 */
export function findUnencodable(value: unknown, field = '', depth = 0): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    const message = unencodableMessage(field || 'a value', value);
    return message ? { field, message } : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const name = field ? `${field}.${key}` : key;
    const keyMessage = unencodableMessage(`the key ${JSON.stringify(name)}`, key);
    if (keyMessage) return { field: name, message: keyMessage };
    const issue = findUnencodable(item, name, depth + 1);
    if (issue) return issue;
  }
  return undefined;
}

/** Names a rejected argument in an error message: strings quoted, numbers shown, other values by kind. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
