import { fromMinorUnits, toMinorUnits } from '../core/money.js';
import type { Reconciliation } from '../schemas/reconciliation.js';
import type { Transaction } from '../schemas/transaction.js';
import { compareBreakdown, CurrencyTally, toCountTotals } from './audit-tally.js';
import type {
  AuditComputedSummary,
  AuditDifference,
  AuditSkippedCheck,
  CreditAudit,
  ReconciliationAuditReport,
} from './audit-report.js';
import { validateCredited, type CreditedPayment } from './credited-payments.js';

export type { CreditedPayment } from './credited-payments.js';
export type { AuditComputedSummary, AuditDifference, AuditSkippedCheck, CreditAudit, ReconciliationAuditReport };

/**
 * The audit's arithmetic, apart from HTTP: Kler's reconciliation summary recomputed from its
 * transactions, exactly (bigint kobo, one tally per currency), and your platform's credits
 * compared with them. Fed one transaction at a time; memory grows only with the ids seen (to
 * report one listed twice) and the findings.
 */

interface CreditEntry {
  credits: CreditedPayment[];
  known: boolean;
}

/**
 * Accumulates the audit one transaction at a time; `finish()` builds the report. Use it for
 * transactions you stream from elsewhere (a database, an export); `auditReconciliation` wraps it
 * for an array.
 * @example
 * const auditor = new ReconciliationAuditor(summary, { credited: ticketsSold });
 * for await (const transaction of storedTransactions(sessionId)) auditor.add(transaction);
 * const report = auditor.finish();
 */
export class ReconciliationAuditor {
  readonly #reconciliation: Reconciliation;
  readonly #cutoff: number;
  readonly #credits: Map<string, CreditEntry> | undefined;
  #after = 0;
  /** One tally per currency, in the order the currencies first appeared. */
  readonly #tallies = new Map<string, CurrencyTally>();
  readonly #seen = new Set<string>();
  /** Ids added more than once, with how many times. */
  readonly #repeated = new Map<string, number>();
  readonly #missing: Transaction[] = [];
  readonly #mismatches: CreditAudit['amount_mismatches'] = [];
  readonly #unsuccessful: CreditAudit['unsuccessful_credits'] = [];

  /**
   * An auditor of `reconciliation`, Kler's summary of the session, with nothing added yet.
   * @param reconciliation Kler's summary, as `kler.reconciliation.retrieve` returns it.
   * @param options.credited what your platform credited; validated here.
   * @throws {KlerInvalidParamsError} when a credit has no id or a malformed amount.
   */
  constructor(reconciliation: Reconciliation, options: { credited?: readonly CreditedPayment[] | undefined } = {}) {
    this.#reconciliation = reconciliation;
    this.#cutoff = Date.parse(reconciliation.reconciled_at);
    if (options.credited !== undefined) {
      const credited = validateCredited('reconciliation.audit', options.credited);
      this.#credits = new Map();
      for (const credit of credited) {
        const entry = this.#credits.get(credit.id);
        if (entry) entry.credits.push(credit);
        else this.#credits.set(credit.id, { credits: [credit], known: false });
      }
    }
  }

  /**
   * Adds one of Kler's transactions. An id added again is not counted again: the report lists it
   * as a `transactions.<id>.times_listed` difference.
   * @throws {KlerInvalidAmountError} when the transaction's `amount` is not a decimal amount
   *   string (only possible for a transaction the SDK did not validate).
   */
  add(transaction: Transaction): void {
    // A transaction listed twice is counted once and reported (a difference), never summed twice.
    if (this.#seen.has(transaction.id)) {
      this.#repeated.set(transaction.id, (this.#repeated.get(transaction.id) ?? 1) + 1);
      return;
    }
    this.#seen.add(transaction.id);
    const kobo = toMinorUnits(transaction.amount);
    const successful = transaction.status === 'successful';
    let tally = this.#tallies.get(transaction.currency);
    if (!tally) this.#tallies.set(transaction.currency, (tally = new CurrencyTally()));
    tally.seen++;
    if (successful) tally.allSuccessfulKobo += kobo;
    this.#checkCredit(transaction, kobo, successful);

    const created = transaction.created_at === undefined ? Number.NaN : Date.parse(transaction.created_at);
    if (created > this.#cutoff) {
      this.#after++;
      return;
    }
    tally.count(transaction, kobo);
  }

  #checkCredit(transaction: Transaction, kobo: bigint, successful: boolean): void {
    if (!this.#credits) return;
    const entry = this.#credits.get(transaction.id);
    if (!entry) {
      if (successful) this.#missing.push(transaction);
      return;
    }
    entry.known = true;
    for (const credit of entry.credits) {
      if (toMinorUnits(credit.amount) !== kobo) {
        this.#mismatches.push({ id: transaction.id, kler_amount: transaction.amount, credited_amount: credit.amount });
      }
      if (!successful) {
        this.#unsuccessful.push({ id: transaction.id, status: transaction.status, credited_amount: credit.amount });
      }
    }
  }

  /**
   * Builds the report from what was added.
   * @throws {KlerInvalidAmountError} when an amount in the summary is not a decimal amount string
   *   (only possible for a summary the SDK did not validate).
   */
  finish(): ReconciliationAuditReport {
    const summary = this.#reconciliation;
    const skipped: AuditSkippedCheck[] = [];
    // Kler's summary has no currency: it is compared with the currency most transactions use;
    // any other currency is reported apart, with its own totals, never added in.
    const currencies = [...this.#tallies.keys()];
    const primary = currencies.reduce<string | undefined>(
      (best, c) => (best === undefined || this.#tallies.get(c)!.seen > this.#tallies.get(best)!.seen ? c : best),
      undefined,
    );
    const tally = (primary !== undefined && this.#tallies.get(primary)) || new CurrencyTally();
    const computed = tally.summary();
    const differences: AuditDifference[] = [];
    for (const field of ['total_inflow', 'transaction_count', 'successful_count', 'pending_count', 'failed_count'] as const) {
      const kler = summary[field];
      const mine = computed[field];
      // Amounts compare as money ("5000" is "5000.00"), counts as numbers.
      const same = typeof kler === 'string' ? toMinorUnits(kler) === toMinorUnits(String(mine)) : kler === mine;
      if (!same) differences.push({ field, kler, computed: mine });
    }
    differences.push(...compareBreakdown('by_channel', summary.by_channel, computed.by_channel));

    if (summary.by_terminal === undefined) {
      skipped.push({ field: 'by_terminal', reason: "Kler's summary has no by_terminal" });
    } else if (tally.posWithoutTerminal > 0) {
      skipped.push({
        field: 'by_terminal',
        reason: `${tally.posWithoutTerminal} successful POS transaction(s) carry no terminal_id (undocumented on transactions), so terminal totals cannot be recomputed`,
      });
    } else {
      computed.by_terminal = toCountTotals(tally.byTerminal);
      differences.push(...compareBreakdown('by_terminal', summary.by_terminal, computed.by_terminal));
    }
    let otherCurrencies: Record<string, AuditComputedSummary> | undefined;
    if (currencies.length > 1) {
      differences.push({ field: 'currency', kler: primary!, computed: [...currencies].sort().join(', ') });
      otherCurrencies = {};
      for (const currency of currencies.filter((c) => c !== primary).sort()) {
        Object.defineProperty(otherCurrencies, currency, { value: this.#tallies.get(currency)!.summary(), enumerable: true });
      }
    }
    for (const [id, times] of this.#repeated) {
      differences.push({ field: `transactions.${id}.times_listed`, kler: times, computed: 1 });
    }

    const credited = this.#credits ? this.#creditAudit(this.#credits, tally.allSuccessfulKobo) : undefined;
    return {
      session_id: summary.session_id,
      consistent: differences.length === 0 && (credited?.consistent ?? true),
      differences,
      computed,
      reconciliation: summary,
      skipped,
      transactions_counted: computed.transaction_count,
      transactions_after_summary: this.#after,
      ...(otherCurrencies ? { other_currencies: otherCurrencies } : {}),
      ...(credited ? { credited } : {}),
    };
  }

  #creditAudit(credits: Map<string, CreditEntry>, successfulKobo: bigint): CreditAudit {
    const unknown: CreditedPayment[] = [];
    const duplicates: CreditAudit['duplicate_credits'] = [];
    let creditedKobo = 0n;
    for (const [id, entry] of credits) {
      for (const credit of entry.credits) creditedKobo += toMinorUnits(credit.amount);
      if (!entry.known) unknown.push(entry.credits[0]!);
      if (entry.credits.length > 1) {
        duplicates.push({ id, times: entry.credits.length, credited_amounts: entry.credits.map((c) => c.amount) });
      }
    }
    const consistent =
      this.#missing.length === 0 &&
      unknown.length === 0 &&
      this.#mismatches.length === 0 &&
      duplicates.length === 0 &&
      this.#unsuccessful.length === 0;
    return {
      consistent,
      missing_credits: this.#missing,
      unknown_credits: unknown,
      amount_mismatches: this.#mismatches,
      duplicate_credits: duplicates,
      unsuccessful_credits: this.#unsuccessful,
      credited_total: fromMinorUnits(creditedKobo),
      successful_total: fromMinorUnits(successfulKobo),
    };
  }
}

/**
 * Audits a reconciliation summary against transactions you already hold (for example stored
 * webhook deliveries or an export): the same checks as `kler.reconciliation.audit`, no HTTP.
 * @throws {KlerInvalidParamsError} when a credit has no id or a malformed amount.
 * @throws {KlerInvalidAmountError} when an amount in `reconciliation` or `transactions` is not a
 * decimal amount string (the SDK validated neither: they are yours).
 * @example
 * const report = auditReconciliation(summary, transactions, { credited: ticketsSold });
 * if (!report.consistent) console.table(report.differences);
 */
export function auditReconciliation(
  reconciliation: Reconciliation,
  transactions: Iterable<Transaction>,
  options: { credited?: readonly CreditedPayment[] | undefined } = {},
): ReconciliationAuditReport {
  const auditor = new ReconciliationAuditor(reconciliation, options);
  for (const transaction of transactions) auditor.add(transaction);
  return auditor.finish();
}
