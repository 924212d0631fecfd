/**
 * The audit's findings as flat rows (one problem each), shared by `kler reconcile --audit
 * --format csv` and the Differences sheet of `kler export`.
 */
import type { ReconciliationAuditReport } from '../resources/reconciliation-audit.js';
import type { Column } from './table.js';

/** One problem the audit found, as a row. */
export interface Finding {
  finding: string;
  reference: string;
  kler: string | number | null;
  compared: string | number | null;
  detail: string;
}

export const FINDING_COLUMNS: Column<Finding>[] = [
  { name: 'finding', title: 'FINDING', get: (f) => f.finding },
  { name: 'reference', title: 'REFERENCE', get: (f) => f.reference },
  { name: 'kler_value', title: 'KLER', get: (f) => f.kler },
  { name: 'compared_value', title: 'COMPARED', get: (f) => f.compared },
  { name: 'detail', title: 'DETAIL', get: (f) => f.detail },
];

/** Every finding of `report`, in the order the audit reports them. */
export function findings(report: ReconciliationAuditReport): Finding[] {
  const rows: Finding[] = report.differences.map((d) => ({
    finding: 'summary_difference',
    reference: d.field,
    kler: d.kler,
    compared: d.computed,
    detail: "Kler's summary vs its transactions",
  }));
  rows.push(...report.skipped.map((s) => ({ finding: 'not_checked', reference: s.field, kler: null, compared: null, detail: s.reason })));
  const c = report.credited;
  if (!c) return rows;
  rows.push(
    ...c.missing_credits.map((t) => ({ finding: 'missing_credit', reference: t.id, kler: t.amount, compared: null, detail: 'successful at Kler, not credited' })),
    ...c.unknown_credits.map((u) => ({ finding: 'unknown_credit', reference: u.id, kler: null, compared: u.amount, detail: 'no such transaction at Kler' })),
    ...c.amount_mismatches.map((m) => ({ finding: 'amount_mismatch', reference: m.id, kler: m.kler_amount, compared: m.credited_amount, detail: 'credited for a different amount' })),
    ...c.duplicate_credits.map((d) => ({ finding: 'duplicate_credit', reference: d.id, kler: null, compared: d.credited_amounts.join(' '), detail: `credited ${d.times} times` })),
    ...c.unsuccessful_credits.map((u) => ({ finding: 'unsuccessful_credit', reference: u.id, kler: u.status, compared: u.credited_amount, detail: 'credited, but not successful at Kler' })),
  );
  return rows;
}
