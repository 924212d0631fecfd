import { KlerInvalidParamsError, type KlerParamIssue } from '../core/errors.js';
import { isAmount } from '../core/money.js';

/** A payment your platform credited (issued tickets for): Kler's transaction id and the amount. */
export interface CreditedPayment {
  /** Kler's transaction id (`txn_…`). */
  id: string;
  /** The amount credited, as a decimal string such as `"5000.00"`. */
  amount: string;
}

const MAX_LISTED_ENTRIES = 20;

/**
 * Checks a credited list: an array of `{ id, amount }` with a non-empty id and a decimal amount
 * string. Lists the first few bad entries by index.
 * @throws {KlerInvalidParamsError} naming `credited.<index>.<field>`.
 */
export function validateCredited(method: string, credited: unknown): readonly CreditedPayment[] {
  if (!Array.isArray(credited)) {
    throw new KlerInvalidParamsError(method, [
      { field: 'credited', message: 'credited must be an array of { id, amount } (the payments your platform credited)' },
    ]);
  }
  const issues: KlerParamIssue[] = [];
  let bad = 0;
  let listed = 0;
  credited.forEach((credit: unknown, index) => {
    const found = creditIssues(credit, `credited.${index}`);
    if (found.length === 0) return;
    bad++;
    if (listed < MAX_LISTED_ENTRIES) {
      listed++;
      issues.push(...found);
    }
  });
  if (bad > 0) {
    if (bad > listed) issues.push({ field: 'credited', message: `… and ${bad - listed} more invalid entries` });
    throw new KlerInvalidParamsError(method, issues);
  }
  return credited as CreditedPayment[];
}

function creditIssues(credit: unknown, at: string): KlerParamIssue[] {
  if (credit === null || typeof credit !== 'object') {
    return [{ field: at, message: `expected { id, amount }, got ${credit === null ? 'null' : typeof credit}` }];
  }
  const { id, amount } = credit as { id?: unknown; amount?: unknown };
  const issues: KlerParamIssue[] = [];
  if (typeof id !== 'string' || id.trim() === '') {
    issues.push({ field: `${at}.id`, message: `id must be Kler's transaction id, a non-empty string; got ${show(id)}` });
  }
  if (!isAmount(amount)) {
    issues.push({
      field: `${at}.amount`,
      message: `amount must be a decimal string such as "5000.00" (no commas, exponents or numbers); got ${show(amount)}`,
    });
  }
  return issues;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'an empty string' : JSON.stringify(value);
  if (typeof value === 'number') return `the number ${value}`;
  return value === null ? 'null' : typeof value;
}
