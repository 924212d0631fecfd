/**
 * The two ways a test rewrites a transaction's history after it was recorded, `mock.settle()`
 * and `mock.setTransactionStatus()`, and the rules that keep that history one Kler could have: a
 * payment settles once, on one date, and a settled payment stays successful. Without them, a
 * test could move money between `by_date` keys, or shrink `total_settled`, after the fact.
 */
import type { TransactionStatus } from '../schemas/transaction.js';
import { describe } from '../core/params.js';
import { KlerMockError } from './errors.js';
import { checkStatus } from './payments.js';
import type { TransactionRecord } from './state.js';
import { settledAt } from './summaries.js';
import { describeTime, isTimestampDate } from './times.js';

/** What the rules need to know besides the transactions: the fake's clock and its settlement delay. */
export interface HistoryClock {
  readonly now: Date;
  readonly settlementDelayMs: number | undefined;
}

/** Options of `mock.settle`, as a test may pass them from plain JavaScript. */
interface SettleInput {
  readonly transactionIds?: readonly string[] | undefined;
  readonly at?: Date | undefined;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Marks `records` (a session's transactions) settled at `options.at` or now: the ones named by
 * `transactionIds`, or every successful one not settled yet. Checks everything before changing
 * anything, so a refused call leaves the fake as it was. Returns the records it settled.
 */
export function settleRecords(sessionId: string, records: readonly TransactionRecord[], options: SettleInput, clock: HistoryClock): TransactionRecord[] {
  if (!options || typeof options !== 'object') throw new KlerMockError(`mock.settle() options must be an object, got ${describe(options)}.`);
  const { at, transactionIds } = options;
  if (at !== undefined && !isTimestampDate(at)) {
    throw new KlerMockError(`mock.settle() \`at\` must be a valid Date (years 0000–9999), got ${describeTime(at)}.`);
  }
  // A copy: the caller may reuse and mutate its Date, which must not move settled money later.
  const when = new Date((at ?? clock.now).getTime());
  const isSettled = (record: TransactionRecord) => settledAt(record, clock.now, clock.settlementDelayMs) !== undefined;
  const chosen =
    transactionIds === undefined
      ? records.filter((r) => r.transaction.status === 'successful' && !isSettled(r))
      : pickNamed(sessionId, records, transactionIds, clock);
  for (const record of chosen) record.settledAt = when;
  return chosen;
}

function pickNamed(sessionId: string, records: readonly TransactionRecord[], ids: readonly string[], clock: HistoryClock): TransactionRecord[] {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new KlerMockError(`mock.settle() transactionIds must be an array of transaction ids, got ${describe(ids)}.`);
  }
  const seen = new Set<string>();
  return ids.map((id) => {
    if (seen.has(id)) throw new KlerMockError(`mock.settle() transactionIds lists ${JSON.stringify(id)} twice.`);
    seen.add(id);
    const record = records.find((r) => r.transaction.id === id);
    if (!record) throw new KlerMockError(`Session ${sessionId} has no transaction ${JSON.stringify(id)}.`);
    if (record.transaction.status !== 'successful') {
      throw new KlerMockError(`Transaction ${id} is ${record.transaction.status}; only successful transactions settle.`);
    }
    const settled = settledAt(record, clock.now, clock.settlementDelayMs);
    if (settled) throw new KlerMockError(`Transaction ${id} was already settled on ${day(settled)}; a payment settles once.`);
    return record;
  });
}

/** Sets a transaction's status, refusing to un-succeed one whose money has been settled. */
export function changeStatus(record: TransactionRecord, status: TransactionStatus, clock: HistoryClock): void {
  const next = checkStatus('setTransactionStatus status', status);
  const settled = settledAt(record, clock.now, clock.settlementDelayMs);
  if (settled && next !== 'successful') {
    throw new KlerMockError(
      `Transaction ${record.transaction.id} was settled on ${day(settled)}, so it cannot become ${next}: a settled payment cannot fail in Kler's model.`,
    );
  }
  (record.transaction as { status: string }).status = next;
}
