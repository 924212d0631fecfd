import { fromMinorUnits, toMinorUnits } from '../core/money.js';
import type { CountTotal } from '../schemas/common.js';
import type { Reconciliation } from '../schemas/reconciliation.js';
import type { Transaction, TransactionStatus } from '../schemas/transaction.js';
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
 * transactions, exactly (bigint kobo), and your platform's credits compared with them. Fed one
 * transaction at a time, so memory does not grow with the session (only the reported findings
 * do).
 */

interface Tally {
  count: number;
  kobo: bigint;
}

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
  #counted = 0;
  #after = 0;
  #successful: Tally = { count: 0, kobo: 0n };
  #allSuccessfulKobo = 0n;
  #pending = 0;
  #failed = 0;
  readonly #byChannel = new Map<string, Tally>();
  readonly #byTerminal = new Map<string, Tally>();
  #posWithoutTerminal = 0;
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
   * Adds one of Kler's transactions. Each id must be added once (the list iterator ensures it).
   * @throws {KlerInvalidAmountError} when the transaction's `amount` is not a decimal amount
   *   string (only possible for a transaction the SDK did not validate).
   */
  add(transaction: Transaction): void {
    const kobo = toMinorUnits(transaction.amount);
    const successful = transaction.status === 'successful';
    if (successful) this.#allSuccessfulKobo += kobo;
    this.#checkCredit(transaction, kobo, successful);

    const created = transaction.created_at === undefined ? Number.NaN : Date.parse(transaction.created_at);
    if (created > this.#cutoff) {
      this.#after++;
      return;
    }
    this.#counted++;
    if (transaction.status === 'pending') this.#pending++;
    else if (transaction.status === 'failed') this.#failed++;
    if (!successful) return;
    addTo(this.#successful, kobo);
    addTo(tallyOf(this.#byChannel, transaction.channel), kobo);
    if (transaction.terminal_id) addTo(tallyOf(this.#byTerminal, transaction.terminal_id), kobo);
    else if (transaction.channel === 'pos') this.#posWithoutTerminal++;
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
    const computed: AuditComputedSummary = {
      total_inflow: fromMinorUnits(this.#successful.kobo),
      transaction_count: this.#counted,
      successful_count: this.#successful.count,
      pending_count: this.#pending,
      failed_count: this.#failed,
      by_channel: toCountTotals(this.#byChannel),
    };
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
    } else if (this.#posWithoutTerminal > 0) {
      skipped.push({
        field: 'by_terminal',
        reason: `${this.#posWithoutTerminal} successful POS transaction(s) carry no terminal_id (undocumented on transactions), so terminal totals cannot be recomputed`,
      });
    } else {
      computed.by_terminal = toCountTotals(this.#byTerminal);
      differences.push(...compareBreakdown('by_terminal', summary.by_terminal, computed.by_terminal));
    }

    const credited = this.#credits ? this.#creditAudit(this.#credits) : undefined;
    return {
      session_id: summary.session_id,
      consistent: differences.length === 0 && (credited?.consistent ?? true),
      differences,
      computed,
      reconciliation: summary,
      skipped,
      transactions_counted: this.#counted,
      transactions_after_summary: this.#after,
      ...(credited ? { credited } : {}),
    };
  }

  #creditAudit(credits: Map<string, CreditEntry>): CreditAudit {
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
      successful_total: fromMinorUnits(this.#allSuccessfulKobo),
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

function tallyOf(map: Map<string, Tally>, key: string): Tally {
  let tally = map.get(key);
  if (!tally) map.set(key, (tally = { count: 0, kobo: 0n }));
  return tally;
}

function addTo(tally: Tally, kobo: bigint): void {
  tally.count++;
  tally.kobo += kobo;
}

function toCountTotals(map: Map<string, Tally>): Record<string, CountTotal> {
  const out: Record<string, CountTotal> = {};
  for (const key of [...map.keys()].sort()) {
    const tally = map.get(key)!;
    out[key] = { count: tally.count, total: fromMinorUnits(tally.kobo) };
  }
  return out;
}

/** Compares a breakdown map; a key absent on one side counts as no volume (Kler omits those). */
function compareBreakdown(
  name: string,
  kler: Record<string, CountTotal>,
  computed: Record<string, CountTotal>,
): AuditDifference[] {
  const differences: AuditDifference[] = [];
  const keys = [...new Set([...Object.keys(kler), ...Object.keys(computed)])].sort();
  for (const key of keys) {
    const theirs = kler[key];
    const ours = computed[key];
    if ((theirs?.count ?? 0) !== (ours?.count ?? 0)) {
      differences.push({ field: `${name}.${key}.count`, kler: theirs?.count ?? null, computed: ours?.count ?? null });
    }
    const theirTotal = theirs ? toMinorUnits(theirs.total) : 0n;
    const ourTotal = ours ? toMinorUnits(ours.total) : 0n;
    if (theirTotal !== ourTotal) {
      differences.push({ field: `${name}.${key}.total`, kler: theirs?.total ?? null, computed: ours?.total ?? null });
    }
  }
  return differences;
}
