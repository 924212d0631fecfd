/**
 * The columns each resource is shown with, shared by the table and CSV outputs so the two never
 * disagree. CSV headers are Kler's field names; tables use short titles.
 */
import type { Operator } from '../schemas/operator.js';
import type { Reconciliation } from '../schemas/reconciliation.js';
import type { Settlement } from '../schemas/settlement.js';
import type { Transaction } from '../schemas/transaction.js';
import type { Column } from './table.js';

/** Every documented transaction field (CSV), in Kler's order. */
export const TRANSACTION_CSV: readonly Column<Transaction>[] = [
  'id', 'session_id', 'amount', 'currency', 'channel', 'status', 'sender_name', 'sender_account',
  'sender_bank', 'narration', 'providus_ref', 'terminal_id', 'operator_id', 'paid_at', 'created_at',
].map((name) => ({
  name,
  title: name,
  get: (t: Transaction) => (t as Record<string, string | null | undefined>)[name],
  numeric: name === 'amount',
}));

/** The transaction columns that fit a terminal. */
export const TRANSACTION_TABLE: readonly Column<Transaction>[] = [
  { name: 'id', title: 'ID', get: (t) => t.id },
  { name: 'amount', title: 'AMOUNT', get: (t) => t.amount, numeric: true },
  { name: 'channel', title: 'CHANNEL', get: (t) => t.channel },
  { name: 'status', title: 'STATUS', get: (t) => t.status },
  { name: 'sender_name', title: 'SENDER', get: (t) => t.sender_name },
  { name: 'paid_at', title: 'PAID AT', get: (t) => t.paid_at },
];

/** One line of a summary broken down by group: `channel,pos,3,15000.75`. */
export interface BreakdownRow {
  group: string;
  key: string;
  count: number;
  total: string | null;
}

export const BREAKDOWN_COLUMNS: readonly Column<BreakdownRow>[] = [
  { name: 'group', title: 'GROUP', get: (r) => r.group },
  { name: 'key', title: 'KEY', get: (r) => r.key },
  { name: 'count', title: 'COUNT', get: (r) => r.count, numeric: true },
  { name: 'total', title: 'TOTAL', get: (r) => r.total, numeric: true },
];

/**
 * A reconciliation as rows: by status (only `successful` has a total: Kler totals successful
 * volume only), then by channel and by terminal.
 */
export function reconciliationRows(r: Reconciliation): BreakdownRow[] {
  return [
    { group: 'status', key: 'successful', count: r.successful_count, total: r.total_inflow },
    { group: 'status', key: 'pending', count: r.pending_count, total: null },
    { group: 'status', key: 'failed', count: r.failed_count, total: null },
    { group: 'status', key: 'all', count: r.transaction_count, total: null },
    ...Object.entries(r.by_channel).map(([key, v]) => ({ group: 'channel', key, count: v.count, total: v.total })),
    ...Object.entries(r.by_terminal ?? {}).map(([key, v]) => ({ group: 'terminal', key, count: v.count, total: v.total })),
  ];
}

/** A settlement as rows: settled, awaiting settlement, then settled amounts by date. */
export function settlementRows(s: Settlement): BreakdownRow[] {
  return [
    { group: 'settlement', key: 'settled', count: s.settled_count, total: s.total_settled },
    { group: 'settlement', key: 'pending_settlement', count: s.pending_count, total: s.total_pending_settlement },
    ...Object.entries(s.by_date).map(([key, v]) => ({ group: 'settled_on', key, count: v.count, total: v.total })),
  ];
}

export const OPERATOR_COLUMNS: readonly Column<Operator>[] = [
  { name: 'id', title: 'ID', get: (o) => o.id },
  { name: 'name', title: 'NAME', get: (o) => o.name },
  { name: 'role', title: 'ROLE', get: (o) => o.role },
  { name: 'phone', title: 'PHONE', get: (o) => o.phone },
  { name: 'email', title: 'EMAIL', get: (o) => o.email },
  { name: 'created_at', title: 'CREATED AT', get: (o) => o.created_at },
];
