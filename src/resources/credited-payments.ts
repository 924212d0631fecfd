import { KlerInvalidParamsError } from '../core/errors.js';
import { array, object, string, validate } from '../core/model.js';
import { describe, paramIssues } from '../core/params.js';
import { AMOUNT_PATTERN } from '../core/patterns.js';

/** A payment your platform credited (issued tickets for): Kler's transaction id and the amount. */
export interface CreditedPayment {
  /** Kler's transaction id (`txn_…`). */
  id: string;
  /** The amount credited, as a decimal string such as `"5000.00"`. */
  amount: string;
}

const CreditedListModel = array(
  object(
    {
      id: string(
        (id) => id.trim() !== '',
        (id) => `id must be Kler's transaction id, a non-empty string; got ${describe(id)}`,
      ),
      amount: string(
        AMOUNT_PATTERN,
        (amount) => `amount must be a decimal string such as "5000.00" (no commas, exponents or numbers); got ${describe(amount)}`,
      ),
    },
    { message: (credit) => `expected { id, amount }, got ${describe(credit)}` },
  ),
  'credited must be an array of { id, amount } (the payments your platform credited)',
);

/** Problems listed in the error; past this many, the rest are only counted. */
const MAX_LISTED_ISSUES = 20;

/**
 * Checks a credited list: an array of `{ id, amount }` with a non-empty id and a decimal amount
 * string. Lists the first problems by index.
 * @throws {KlerInvalidParamsError} naming `credited.<index>.<field>`.
 */
export function validateCredited(method: string, credited: unknown): readonly CreditedPayment[] {
  const result = validate(CreditedListModel, credited);
  if (result.ok) return result.value;
  const issues = paramIssues(result.issues, 'credited');
  const more = issues.length - MAX_LISTED_ISSUES;
  if (more > 0) issues.splice(MAX_LISTED_ISSUES, more, { field: 'credited', message: `… and ${more} more problems` });
  throw new KlerInvalidParamsError(method, issues);
}
