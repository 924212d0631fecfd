/**
 * The audit's per-currency arithmetic: one tally per currency, so amounts in different
 * currencies are never added together, and breakdown maps built so that any key (`__proto__`,
 * `constructor`, `toString` included) is an ordinary own entry that can neither hide a
 * difference nor crash the comparison.
 */
import { fromMinorUnits, toMinorUnits } from '../core/money.js';
import type { CountTotal } from '../schemas/common.js';
import type { Transaction } from '../schemas/transaction.js';
import type { AuditComputedSummary, AuditDifference } from './audit-report.js';

interface Tally {
  count: number;
  kobo: bigint;
}

/** What one currency's transactions add up to. */
export class CurrencyTally {
  /** Transactions added, before and after the summary's cut-off. */
  seen = 0;
  counted = 0;
  pending = 0;
  failed = 0;
  readonly successful: Tally = { count: 0, kobo: 0n };
  /** Successful volume of every transaction, also those after the summary. */
  allSuccessfulKobo = 0n;
  readonly byChannel = new Map<string, Tally>();
  readonly byTerminal = new Map<string, Tally>();
  posWithoutTerminal = 0;

  /** Counts a transaction the summary covers. */
  count(transaction: Transaction, kobo: bigint): void {
    this.counted++;
    if (transaction.status === 'pending') this.pending++;
    else if (transaction.status === 'failed') this.failed++;
    if (transaction.status !== 'successful') return;
    addTo(this.successful, kobo);
    addTo(tallyOf(this.byChannel, transaction.channel), kobo);
    if (transaction.terminal_id) addTo(tallyOf(this.byTerminal, transaction.terminal_id), kobo);
    else if (transaction.channel === 'pos') this.posWithoutTerminal++;
  }

  /** The figures in the shape of Kler's summary (no `by_terminal`: the caller decides). */
  summary(): AuditComputedSummary {
    return {
      total_inflow: fromMinorUnits(this.successful.kobo),
      transaction_count: this.counted,
      successful_count: this.successful.count,
      pending_count: this.pending,
      failed_count: this.failed,
      by_channel: toCountTotals(this.byChannel),
    };
  }
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

/** Sets `key` as an own, enumerable entry, even `__proto__` (plain assignment would set the prototype). */
function setOwn<V>(target: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `map` as a breakdown record, keys sorted. */
export function toCountTotals(map: Map<string, Tally>): Record<string, CountTotal> {
  const out: Record<string, CountTotal> = {};
  for (const key of [...map.keys()].sort()) {
    const tally = map.get(key)!;
    setOwn(out, key, { count: tally.count, total: fromMinorUnits(tally.kobo) });
  }
  return out;
}

/** The own entry `key` of `record`, never one inherited from `Object.prototype`. */
const own = (record: Record<string, CountTotal>, key: string): CountTotal | undefined =>
  Object.hasOwn(record, key) ? (Object.getOwnPropertyDescriptor(record, key)!.value as CountTotal) : undefined;

/** Compares a breakdown map; a key absent on one side counts as no volume (Kler omits those). */
export function compareBreakdown(
  name: string,
  kler: Record<string, CountTotal>,
  computed: Record<string, CountTotal>,
): AuditDifference[] {
  const differences: AuditDifference[] = [];
  const keys = [...new Set([...Object.keys(kler), ...Object.keys(computed)])].sort();
  for (const key of keys) {
    const theirs = own(kler, key);
    const ours = own(computed, key);
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
