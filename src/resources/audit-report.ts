/**
 * What `kler.reconciliation.audit` and `ReconciliationAuditor` report: the shapes only, apart
 * from the arithmetic that fills them (`reconciliation-audit.ts`).
 */
import type { CountTotal } from '../schemas/common.js';
import type { Reconciliation } from '../schemas/reconciliation.js';
import type { Transaction, TransactionStatus } from '../schemas/transaction.js';
import type { CreditedPayment } from './credited-payments.js';

/** One field where Kler's summary disagrees with its own transactions. */
export interface AuditDifference {
  /**
   * The summary field, dotted: `total_inflow`, `pending_count`, `by_channel.pos.total`, … Also
   * `currency` (Kler's side is the currency compared, the computed side every currency found)
   * and `transactions.<id>.times_listed` (an id listed more than once, counted once).
   */
  field: string;
  /** Kler's value; `null` when the summary has no entry for that key. */
  kler: string | number | null;
  /** The value recomputed from the transactions; `null` when they have no volume for that key. */
  computed: string | number | null;
}

/** A summary field the audit could not check, and why. */
export interface AuditSkippedCheck {
  /** The summary field left unchecked, e.g. `by_terminal`. */
  field: string;
  /** Why it could not be checked, in a sentence. */
  reason: string;
}

/** The summary recomputed from the transactions, in the shape of `Reconciliation`. */
export interface AuditComputedSummary {
  /** Sum of the successful transactions, in naira (two decimals). */
  total_inflow: string;
  /** Transactions of every status. */
  transaction_count: number;
  /** Transactions with status `successful`. */
  successful_count: number;
  /** Transactions with status `pending`. */
  pending_count: number;
  /** Transactions with status `failed`. */
  failed_count: number;
  /** Successful volume by channel; channels with none are absent. */
  by_channel: Record<string, CountTotal>;
  /** Absent when the transactions do not say which terminal took them (see `skipped`). */
  by_terminal?: Record<string, CountTotal>;
}

/** How your credits compare with Kler's transactions. */
export interface CreditAudit {
  /** True when every list below is empty. */
  consistent: boolean;
  /** Successful Kler transactions your platform never credited. */
  missing_credits: Transaction[];
  /** Credits whose id Kler has no transaction for (each id once). */
  unknown_credits: CreditedPayment[];
  /** Credits whose amount differs from Kler's (one entry per credit). */
  amount_mismatches: {
    /** The transaction id. */
    id: string;
    /** The amount on Kler's transaction. */
    kler_amount: string;
    /** The amount your platform credited. */
    credited_amount: string;
  }[];
  /** Ids credited more than once. */
  duplicate_credits: {
    /** The transaction id. */
    id: string;
    /** How many times it was credited. */
    times: number;
    /** The amount of each of those credits, in the order given. */
    credited_amounts: string[];
  }[];
  /** Credits for transactions Kler has as pending, failed or another non-successful status. */
  unsuccessful_credits: {
    /** The transaction id. */
    id: string;
    /** The transaction's status at Kler. */
    status: TransactionStatus;
    /** The amount your platform credited. */
    credited_amount: string;
  }[];
  /** Sum of every credit passed in, duplicates and unknown ids included. */
  credited_total: string;
  /**
   * Sum of Kler's successful transactions, all of them (also those after the summary), in the
   * currency `computed` is in.
   */
  successful_total: string;
}

/** What `kler.reconciliation.audit` found. */
export interface ReconciliationAuditReport {
  /** The session audited. */
  session_id: string;
  /**
   * True when Kler's summary agrees with its transactions and, when `credited` was passed, your
   * credits agree with them too. `differences` and `credited` say what disagrees.
   */
  consistent: boolean;
  /** Fields where Kler's summary and its transactions disagree; empty when they agree. */
  differences: AuditDifference[];
  /** The summary recomputed from the transactions it covers. */
  computed: AuditComputedSummary;
  /** Kler's summary, as fetched. */
  reconciliation: Reconciliation;
  /** Summary fields that could not be checked, and why. */
  skipped: AuditSkippedCheck[];
  /** Transactions compared with the summary: those created at or before its `reconciled_at`. */
  transactions_counted: number;
  /**
   * Transactions created after the summary's `reconciled_at` (payments still arriving): left out
   * of the summary comparison, still used for the credit checks.
   */
  transactions_after_summary: number;
  /**
   * Only when the transactions carry several currencies: the figures of each currency other than
   * the one `computed` is in (the one most transactions use), which are never added to it. A
   * `currency` difference lists every currency found.
   */
  other_currencies?: Record<string, AuditComputedSummary>;
  /** The credit checks, when `credited` was passed. */
  credited?: CreditAudit;
}
