import { validate, type Model } from './model.js';
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
  const issues: KlerParamIssue[] = result.issues.map(({ path, message }) => ({
    field: path,
    message: message === 'required' ? `${path} is required` : message,
  }));
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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : JSON.stringify(value);
  return typeof value;
}
