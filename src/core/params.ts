import type * as z from 'zod/mini';
import { KlerInvalidParamsError, type KlerParamIssue } from './errors.js';

/** Dotted path for a zod issue path, e.g. `collection.pos_count` or `items.3.amount`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Validates a method's arguments with `schema`, throwing `KlerInvalidParamsError` (naming each
 * field) before any request is built. Returns the parsed value, unknown keys kept.
 */
export function validateParams<T>(method: string, schema: z.ZodMiniType<T>, value: unknown): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KlerInvalidParamsError(method, [{ field: '', message: `expected an object of params, got ${describe(value)}` }]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: KlerParamIssue[] = result.error.issues.map((issue) => {
    const field = formatPath(issue.path);
    // Zod's generic "expected string, received undefined" reads badly for a missing field.
    const missing = issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined;
    return { field, message: missing ? `${field} is required` : issue.message };
  });
  throw new KlerInvalidParamsError(method, issues);
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
  return id;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : JSON.stringify(value);
  return typeof value;
}
