/**
 * Turns a test's `simulatePayment(…)` call into a transaction as Kler would record it, and
 * builds the `transaction.received` webhook body Kler would send for it.
 */
import type { Channel } from '../schemas/common.js';
import type { Transaction, TransactionStatus } from '../schemas/transaction.js';
import { fromMinorUnits, isAmount, toMinorUnits } from '../core/money.js';
import { describe } from '../core/params.js';
import { KlerMockError } from './errors.js';
import { newTransactionId, newWebhookId, providusRef } from './ids.js';
import { describeTime, timeOf } from './times.js';
import type { KlerStore, SessionRecord, TransactionRecord } from './state.js';

/** A payment for `simulatePayment` to record. Only `amount` and `channel` are required. */
export interface SimulatePaymentParams {
  /** A decimal string in naira, e.g. `"5000.00"`; stored with two decimals. */
  amount: string;
  /** `bank_transfer`, `pos`, `ussd`, `card`, or a channel Kler may add. */
  channel: Channel;
  /** The payment's status as Kler would record it: a non-empty string. @default `'successful'` */
  status?: TransactionStatus;
  /**
   * For `pos` payments: the session terminal that took it.
   * @default the session's first terminal (`pos_terminals[0]`)
   */
  terminal_id?: string;
  /**
   * An operator of the session (see `operators.create`), for `operators.listTransactions`.
   * @default `undefined`: linked to no operator
   */
  operator_id?: string;
  /*
   * The sender fields, `narration` and `providus_ref` take a string or `null`: Kler sends text or
   * nothing, and the SDK refuses to read anything else back.
   */
  /** The payer's name on a bank transfer. @default `'Test Payer'` for bank transfers, `null` otherwise */
  sender_name?: string | null;
  /** The payer's account number on a bank transfer. @default `'0123456789'` for bank transfers, `null` otherwise */
  sender_account?: string | null;
  /** The payer's bank code on a bank transfer. @default `'058'` for bank transfers, `null` otherwise */
  sender_bank?: string | null;
  /** The transfer's narration. @default `'Ticket payment'` for bank transfers, `null` otherwise */
  narration?: string | null;
  /** Providus Bank's reference for a bank transfer. @default a `PVS…` reference for bank transfers, `null` otherwise */
  providus_ref?: string | null;
  /**
   * When the payer paid: a Date, or an ISO 8601 time with a UTC offset (`"2025-08-01T18:32:00.000Z"`).
   * @default the mock's `now()`: the real clock unless `createKlerMock({ now })` replaced it
   */
  paid_at?: string | Date;
  /** Send the `transaction.received` webhook to the session's `webhook_url`. @default true */
  webhook?: boolean;
}

/** The body of a `transaction.received` delivery, exactly as Kler documents it. */
export interface TransactionReceivedBody {
  /** The event type. */
  event: 'transaction.received';
  /** The session the payment belongs to. */
  session_id: string;
  /** The transaction just recorded, without `session_id` and `created_at`. */
  data: Omit<Transaction, 'session_id' | 'created_at'>;
}

/** Checks `params` against the session's rules and builds the record (not stored yet). */
export function buildPayment(
  store: KlerStore,
  session: SessionRecord,
  params: SimulatePaymentParams,
  now: Date,
): TransactionRecord {
  const id = session.session.session_id;
  if (!params || typeof params !== 'object') {
    throw new KlerMockError('simulatePayment(sessionId, params) needs params: { amount, channel, … }.');
  }
  if (session.session.status !== 'active') {
    throw new KlerMockError(
      `Session ${id} is ${session.session.status}: Kler accepts no payments on a session that is not active.`,
    );
  }
  if (!isAmount(params.amount)) {
    throw new KlerMockError(`simulatePayment amount must be a decimal string such as "5000.00", got ${describe(params.amount)}.`);
  }
  const kobo = toMinorUnits(params.amount);
  if (kobo <= 0n) throw new KlerMockError(`A payment amount must be more than 0.00, got ${JSON.stringify(params.amount)}.`);
  const channel = params.channel;
  if (typeof channel !== 'string' || channel === '') {
    throw new KlerMockError('simulatePayment needs a channel: bank_transfer, pos, ussd or card.');
  }
  const status = params.status === undefined ? 'successful' : checkStatus('simulatePayment status', params.status);
  checkOptionalText(params);
  if (params.webhook !== undefined && typeof params.webhook !== 'boolean') {
    throw new KlerMockError(`simulatePayment webhook must be true or false, got ${describe(params.webhook)}.`);
  }
  const terminal = pickTerminal(session, channel, params.terminal_id);
  if (params.operator_id !== undefined && !store.operatorsOf(id).some((op) => op.id === params.operator_id)) {
    throw new KlerMockError(`Session ${id} has no operator ${JSON.stringify(params.operator_id)}; add one with operators.create first.`);
  }
  const paidAt = params.paid_at === undefined ? now : timeOf(params.paid_at);
  if (!paidAt) {
    throw new KlerMockError(
      `simulatePayment paid_at must be a valid Date or an ISO 8601 time with a UTC offset, such as "2025-08-01T18:32:00.000Z"; got ${describeTime(params.paid_at)}.`,
    );
  }
  const transfer = channel === 'bank_transfer';
  const pick = <T>(value: T | undefined, fallback: T) => (value === undefined ? fallback : value);
  const transaction: Transaction = {
    id: newTransactionId(),
    session_id: id,
    amount: fromMinorUnits(kobo),
    currency: session.session.currency ?? 'NGN',
    channel,
    status,
    sender_name: pick(params.sender_name, transfer ? 'Test Payer' : null),
    sender_account: pick(params.sender_account, transfer ? '0123456789' : null),
    sender_bank: pick(params.sender_bank, transfer ? '058' : null),
    narration: pick(params.narration, transfer ? 'Ticket payment' : null),
    providus_ref: pick(params.providus_ref, transfer ? providusRef(paidAt) : null),
    paid_at: paidAt.toISOString(),
    created_at: now.toISOString(),
  };
  return { transaction, terminalId: terminal, operatorId: params.operator_id, webhookId: newWebhookId(), settledAt: undefined };
}

/**
 * A transaction status as the SDK's model reads it: any non-empty string (the enum is open, so
 * a status Kler adds later can be simulated). Returns it, or throws naming `where`.
 */
export function checkStatus(where: string, status: unknown): TransactionStatus {
  if (typeof status !== 'string' || status === '') {
    throw new KlerMockError(`${where} must be a non-empty string such as "successful", "pending" or "failed", got ${describe(status)}.`);
  }
  return status;
}

/** The fields Kler sends as text or `null`: anything else would be stored and then fail every read of the session. */
const OPTIONAL_TEXT = ['sender_name', 'sender_account', 'sender_bank', 'narration', 'providus_ref'] as const;

function checkOptionalText(params: SimulatePaymentParams): void {
  for (const field of OPTIONAL_TEXT) {
    const value: unknown = params[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new KlerMockError(`simulatePayment ${field} must be a string or null, got ${describe(value)}.`);
    }
  }
}

function pickTerminal(session: SessionRecord, channel: string, requested: string | undefined): string | undefined {
  const terminals = session.session.pos_terminals ?? [];
  const id = session.session.session_id;
  if (channel !== 'pos') {
    if (requested !== undefined) throw new KlerMockError(`terminal_id only applies to pos payments, not ${channel}.`);
    return undefined;
  }
  if (terminals.length === 0) throw new KlerMockError(`Session ${id} has no POS terminals (it was created without collection.pos).`);
  if (requested === undefined) return terminals[0]!.terminal_id;
  if (!terminals.some((t) => t.terminal_id === requested)) {
    throw new KlerMockError(
      `Session ${id} has no terminal ${JSON.stringify(requested)}; its terminals are ${terminals.map((t) => t.terminal_id).join(', ')}.`,
    );
  }
  return requested;
}

/** The webhook body for a transaction: `session_id` on top, no `created_at` in `data`. */
export function webhookBody(transaction: Transaction): TransactionReceivedBody {
  const { session_id, created_at: _created, ...data } = transaction;
  return { event: 'transaction.received', session_id, data };
}
