/**
 * The reconciliation audit stays exact on hostile data: keys that are Object.prototype names,
 * transactions in several currencies, and a transaction listed twice. Figures worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { auditReconciliation } from '../../src/resources/reconciliation-audit.js';
import type { Reconciliation } from '../../src/schemas/reconciliation.js';
import type { Transaction } from '../../src/schemas/transaction.js';
import { txn } from './live-list.js';

const at = '2025-08-01T18:00:00.000Z';
const summary = (over: Partial<Reconciliation> = {}): Reconciliation =>
  ({
    session_id: 'sess_live',
    total_inflow: '3000.00',
    transaction_count: 2,
    successful_count: 2,
    pending_count: 0,
    failed_count: 0,
    by_channel: { bank_transfer: { count: 2, total: '3000.00' } },
    reconciled_at: '2025-08-01T22:00:00.000Z',
    ...over,
  }) as Reconciliation;
const t = (id: string, over: Record<string, unknown> = {}) => txn(id, { created_at: at, ...over } as never) as unknown as Transaction;

describe('keys named like Object.prototype members', () => {
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`a channel called ${key} is counted and compared like any other`, () => {
      const transactions = [t('txn_1', { amount: '1000.00', channel: key }), t('txn_2', { amount: '2000.00' })];
      const byChannel = JSON.parse(`{"bank_transfer":{"count":1,"total":"2000.00"},"${key}":{"count":1,"total":"1000.00"}}`);
      const agree = auditReconciliation(summary({ by_channel: byChannel }), transactions);
      expect(agree.differences).toEqual([]);
      expect(Object.keys(agree.computed.by_channel).sort()).toEqual([key, 'bank_transfer'].sort());
      expect(Object.getOwnPropertyDescriptor(agree.computed.by_channel, key)?.value).toEqual({ count: 1, total: '1000.00' });

      // Kler's summary forgets that channel: the difference must show, not hide behind the prototype.
      const disagree = auditReconciliation(summary({ by_channel: { bank_transfer: { count: 2, total: '3000.00' } } }), transactions);
      expect(disagree.consistent).toBe(false);
      expect(disagree.differences).toEqual(
        expect.arrayContaining([
          { field: 'by_channel.bank_transfer.count', kler: 2, computed: 1 },
          { field: `by_channel.${key}.count`, kler: null, computed: 1 },
        ]),
      );
    });

    it(`a summary key called ${key} with no transactions is a difference, not a crash`, () => {
      const byChannel = JSON.parse(`{"bank_transfer":{"count":2,"total":"3000.00"},"${key}":{"count":1,"total":"5.00"}}`);
      const report = auditReconciliation(summary({ by_channel: byChannel }), [t('txn_1', { amount: '1000.00' }), t('txn_2', { amount: '2000.00' })]);
      expect(report.differences).toEqual([
        { field: `by_channel.${key}.count`, kler: 1, computed: null },
        { field: `by_channel.${key}.total`, kler: '5.00', computed: null },
      ]);
    });

    it(`a transaction id called ${key} is checked against the credits`, () => {
      const report = auditReconciliation(summary(), [t(key, { amount: '1000.00' }), t('txn_2', { amount: '2000.00' })], {
        credited: [{ id: 'txn_2', amount: '2000.00' }],
      });
      expect(report.credited?.missing_credits.map((x) => x.id)).toEqual([key]);
    });
  }
});

describe('transactions in several currencies', () => {
  it('never sums them together: the other currency is reported with its own totals', () => {
    const report = auditReconciliation(summary(), [
      t('txn_1', { amount: '1000.00' }),
      t('txn_2', { amount: '2000.00' }),
      t('txn_3', { amount: '50.00', currency: 'USD' }),
    ]);
    expect(report.consistent).toBe(false);
    expect(report.computed.total_inflow).toBe('3000.00');
    expect(report.differences).toEqual([{ field: 'currency', kler: 'NGN', computed: 'NGN, USD' }]);
    expect(report.other_currencies).toEqual({
      USD: { total_inflow: '50.00', transaction_count: 1, successful_count: 1, pending_count: 0, failed_count: 0, by_channel: { bank_transfer: { count: 1, total: '50.00' } } },
    });
  });
});

describe('a transaction id listed twice', () => {
  it('is counted once and reported as a difference', () => {
    const report = auditReconciliation(summary(), [
      t('txn_1', { amount: '1000.00' }),
      t('txn_2', { amount: '2000.00' }),
      t('txn_2', { amount: '2000.00' }),
    ]);
    expect(report.consistent).toBe(false);
    expect(report.computed.total_inflow).toBe('3000.00');
    expect(report.transactions_counted).toBe(2);
    expect(report.differences).toEqual([{ field: 'transactions.txn_2.times_listed', kler: 2, computed: 1 }]);
  });
});
