import { validate, type Model, type ModelIssue } from './model.js';
import { KlerInvalidParamsError, type KlerParamIssue } from './errors.js';

/**
 * Validates a method's arguments with `model`, throwing `KlerInvalidParamsError` (naming each
 * field) before any request is built. Returns the value as given, unknown keys kept.
 */
export function validateParams<T>(method: string, model: Model<T>, value: unknown): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KlerInvalidParamsError(method, [{ field: '', message: `expected an object of params, got ${describe(value)}` }]);
  }
  const result = validate(model, value);
  if (result.ok) return result.value;
  throw new KlerInvalidParamsError(method, paramIssues(result.issues));
}

/** A model's issues as param issues: fields under `prefix` (the argument's name, if any), each in a sentence. */
export function paramIssues(issues: readonly ModelIssue[], prefix?: string): KlerParamIssue[] {
  return issues.map(({ path, message }) => {
    const field = prefix ? (path ? `${prefix}.${path}` : prefix) : path;
    return { field, message: message === 'required' ? `${field} is required` : message };
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
