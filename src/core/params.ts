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
  return id;
}

/** Names a rejected argument in an error message: strings quoted, numbers shown, other values by kind. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
