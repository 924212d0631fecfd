/**
 * Reconciliation and settlement, computed from the fake's transactions with exact kobo
 * arithmetic. Kler's documented rules: breakdowns count successful volume only, keys with no
 * volume are absent, and `total_settled + total_pending_settlement = total_inflow`.
 */
import type { CountTotal } from '../schemas/common.js';
import type { Reconciliation } from '../schemas/reconciliation.js';
import type { Settlement } from '../schemas/settlement.js';
import { fromMinorUnits, toMinorUnits } from '../core/money.js';
import type { TransactionRecord } from './state.js';

/** A `{ count, total }` accumulated in kobo. */
class Tally {
  count = 0;
  kobo = 0n;

  add(amount: string): void {
    this.count += 1;
    this.kobo += toMinorUnits(amount);
  }

  toJSON(): CountTotal {
    return { count: this.count, total: fromMinorUnits(this.kobo) };
  }
}

/** Adds `amount` to the tally under `key`, creating it on first use (so empty keys never appear). */
function addTo(map: Map<string, Tally>, key: string, amount: string): void {
  let tally = map.get(key);
  if (!tally) map.set(key, (tally = new Tally()));
  tally.add(amount);
}

/** The breakdown as JSON, keys sorted so answers do not depend on the order payments came in. */
function toRecord(map: Map<string, Tally>): Record<string, CountTotal> {
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([key, tally]) => [key, tally.toJSON()]));
}

const isSuccessful = (record: TransactionRecord) => record.transaction.status === 'successful';

/** `GET /v1/reconciliation/:id` for a session with these transactions. */
export function reconciliationOf(sessionId: string, records: readonly TransactionRecord[], now: Date): Reconciliation {
  const inflow = new Tally();
  const byChannel = new Map<string, Tally>();
  const byTerminal = new Map<string, Tally>();
  let pending = 0;
  let failed = 0;
  for (const record of records) {
    const { status, amount, channel } = record.transaction;
    if (status === 'pending') pending += 1;
    if (status === 'failed') failed += 1;
    if (status !== 'successful') continue;
    inflow.add(amount);
    addTo(byChannel, channel, amount);
    if (record.terminalId) addTo(byTerminal, record.terminalId, amount);
  }
  return {
    session_id: sessionId,
    total_inflow: fromMinorUnits(inflow.kobo),
    transaction_count: records.length,
    successful_count: inflow.count,
    pending_count: pending,
    failed_count: failed,
    by_channel: toRecord(byChannel),
    by_terminal: toRecord(byTerminal),
    reconciled_at: now.toISOString(),
  };
}

/**
 * When a successful transaction was settled, if it has been: the date `mock.settle()` gave it,
 * or, with `settlementDelayMs`, `paid_at` plus that delay once that moment has passed.
 */
export function settledAt(record: TransactionRecord, now: Date, settlementDelayMs: number | undefined): Date | undefined {
  if (!isSuccessful(record)) return undefined;
  if (record.settledAt) return record.settledAt;
  if (settlementDelayMs === undefined) return undefined;
  const paid = Date.parse(record.transaction.paid_at ?? record.transaction.created_at ?? '');
  if (Number.isNaN(paid)) return undefined;
  const due = new Date(paid + settlementDelayMs);
  return due.getTime() <= now.getTime() ? due : undefined;
}

/** `GET /v1/settlement/:id` for a session with these transactions. */
export function settlementOf(
  sessionId: string,
  records: readonly TransactionRecord[],
  now: Date,
  settlementDelayMs: number | undefined,
): Settlement {
  const settled = new Tally();
  const waiting = new Tally();
  const byDate = new Map<string, Tally>();
  for (const record of records) {
    if (!isSuccessful(record)) continue;
    const { amount } = record.transaction;
    const date = settledAt(record, now, settlementDelayMs);
    if (!date) {
      waiting.add(amount);
      continue;
    }
    settled.add(amount);
    addTo(byDate, date.toISOString().slice(0, 10), amount);
  }
  return {
    session_id: sessionId,
    total_settled: fromMinorUnits(settled.kobo),
    total_pending_settlement: fromMinorUnits(waiting.kobo),
    settled_count: settled.count,
    pending_count: waiting.count,
    by_date: toRecord(byDate),
    generated_at: now.toISOString(),
  };
}
