import { array, looseObject, regex, string } from 'zod/mini';
import { KlerInvalidParamsError } from '../core/errors.js';
import { describe, paramIssues } from '../core/params.js';
import { AMOUNT_PATTERN } from '../core/patterns.js';

/** A payment your platform credited (issued tickets for): Kler's transaction id and the amount. */
export interface CreditedPayment {
  /** Kler's transaction id (`txn_…`). */
  id: string;
  /** The amount credited, as a decimal string such as `"5000.00"`. */
  amount: string;
}

const CreditedListSchema = /* @__PURE__ */ array(
  looseObject(
    {
      id: string({ error: (issue) => `id must be Kler's transaction id, a non-empty string; got ${describe(issue.input)}` }).check(
        regex(/\S/, { error: "id must be Kler's transaction id, a non-empty string; got an empty string" }),
      ),
      amount: string({
        error: (issue) => `amount must be a decimal string such as "5000.00" (no commas, exponents or numbers); got ${describe(issue.input)}`,
      }).check(
        regex(AMOUNT_PATTERN, {
          error: (issue) => `amount must be a decimal string such as "5000.00" (no commas, exponents or numbers); got ${describe(issue.input)}`,
        }),
      ),
    },
    { error: (issue) => `expected { id, amount }, got ${describe(issue.input)}` },
  ),
  { error: 'credited must be an array of { id, amount } (the payments your platform credited)' },
);

/** Problems listed in the error; past this many, the rest are only counted. */
const MAX_LISTED_ISSUES = 20;

/**
 * Checks a credited list: an array of `{ id, amount }` with a non-empty id and a decimal amount
 * string. Lists the first problems by index.
 * @throws {KlerInvalidParamsError} naming `credited.<index>.<field>`.
 */
export function validateCredited(method: string, credited: unknown): readonly CreditedPayment[] {
  const result = CreditedListSchema.safeParse(credited);
  if (result.success) return result.data;
  const issues = paramIssues(result.error.issues, 'credited');
  const more = issues.length - MAX_LISTED_ISSUES;
  const listed = more > 0 ? [...issues.slice(0, MAX_LISTED_ISSUES), { field: 'credited', message: `… and ${more} more problems` }] : issues;
  throw new KlerInvalidParamsError(method, listed);
}
