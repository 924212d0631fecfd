/**
 * The fake Kler's memory: sessions, their terminals, transactions and operators. Every door of
 * the mock (MSW handlers, the HTTP server, `simulatePayment`) reads and writes this one store,
 * so they cannot disagree.
 */
import type { Operator } from '../schemas/operator.js';
import type { CollectionAccount, Session } from '../schemas/session.js';
import type { Transaction } from '../schemas/transaction.js';
import { newOperatorId, newSessionId, randomDigits, terminalId } from './ids.js';

/** What a valid `POST /v1/sessions` body carries, after the fake's own checks. */
export interface SessionInput {
  external_event_id: string;
  name: string;
  currency: string;
  collection: { account: boolean; pos: boolean; pos_count?: number | undefined };
  webhook_url?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  starts_at?: string | undefined;
  ends_at?: string | undefined;
}

/** A session as stored: the object Kler answers with, plus what Kler keeps but never shows. */
export interface SessionRecord {
  /** Exactly what the API answers (cloned on the way out). */
  readonly session: Session;
  readonly webhookUrl: string | undefined;
  readonly input: SessionInput;
}

/** A transaction as stored: the API object plus the links Kler's docs do not show on it. */
export interface TransactionRecord {
  readonly transaction: Transaction;
  /** The terminal a POS payment went through; drives `by_terminal`. */
  readonly terminalId: string | undefined;
  readonly operatorId: string | undefined;
  /** The Standard Webhooks message id, the same for every (re)delivery of this transaction. */
  readonly webhookId: string;
  /** Set by `mock.settle()`. */
  settledAt: Date | undefined;
}

/** An operator input after the fake's checks. */
export interface OperatorInput {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  role?: string | undefined;
}

/** The in-memory store. Answers are clones, so callers can never mutate the fake by accident. */
export class KlerStore {
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #transactions = new Map<string, TransactionRecord>();
  /** Per session, oldest first: the order transactions were recorded in. */
  readonly #bySession = new Map<string, TransactionRecord[]>();
  readonly #operators = new Map<string, Operator[]>();
  readonly #now: () => Date;
  readonly #showLinks: boolean;

  /** `showLinks`: put `terminal_id` / `operator_id` on transactions (see `terminalIdsOnTransactions`). */
  constructor(now: () => Date, showLinks = false) {
    this.#now = now;
    this.#showLinks = showLinks;
  }

  /** A transaction as the API shows it: a copy, with its links only when configured. */
  view(record: TransactionRecord): Transaction {
    const transaction = copy(record.transaction);
    if (!this.#showLinks) return transaction;
    return {
      ...transaction,
      ...(record.terminalId ? { terminal_id: record.terminalId } : {}),
      ...(record.operatorId ? { operator_id: record.operatorId } : {}),
    };
  }

  /** Provisions a session the way Kler does: an account if asked, and `pos_count` terminals. */
  createSession(input: SessionInput): SessionRecord {
    let id = newSessionId();
    while (this.#sessions.has(id)) id = newSessionId();
    const count = input.collection.pos ? (input.collection.pos_count ?? 0) : 0;
    const account: CollectionAccount | undefined = input.collection.account
      ? {
          account_number: `9${randomDigits(9)}`,
          account_name: `Kler / ${input.name}`,
          bank_name: 'Providus Bank',
          bank_code: '101',
        }
      : undefined;
    const session: Session = {
      session_id: id,
      status: 'active',
      external_event_id: input.external_event_id,
      name: input.name,
      currency: input.currency,
      ...(account ? { collection_account: account } : {}),
      pos_terminals: Array.from({ length: count }, (_, i) => ({
        terminal_id: terminalId(id, i + 1),
        label: `Terminal ${i + 1}`,
        status: 'assigned',
      })),
      created_at: this.#now().toISOString(),
    };
    const record: SessionRecord = { session, webhookUrl: input.webhook_url, input };
    this.#sessions.set(id, record);
    this.#bySession.set(id, []);
    this.#operators.set(id, []);
    return record;
  }

  session(id: string): SessionRecord | undefined {
    return this.#sessions.get(id);
  }

  sessions(): SessionRecord[] {
    return [...this.#sessions.values()];
  }

  /** Marks a session closed; it takes no more payments. */
  closeSession(record: SessionRecord): void {
    (record.session as { status: string }).status = 'closed';
  }

  addTransaction(record: TransactionRecord): void {
    this.#transactions.set(record.transaction.id, record);
    this.#bySession.get(record.transaction.session_id)?.push(record);
  }

  transaction(id: string): TransactionRecord | undefined {
    return this.#transactions.get(id);
  }

  /** A session's transactions, newest first, as the list endpoint orders them. */
  transactionsOf(sessionId: string): TransactionRecord[] {
    return [...(this.#bySession.get(sessionId) ?? [])].reverse();
  }

  addOperator(sessionId: string, input: OperatorInput): Operator {
    const operator: Operator = {
      id: newOperatorId(),
      session_id: sessionId,
      name: input.name,
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      role: input.role ?? 'cashier',
      created_at: this.#now().toISOString(),
    };
    this.#operators.get(sessionId)?.push(operator);
    return operator;
  }

  operatorsOf(sessionId: string): Operator[] {
    return this.#operators.get(sessionId) ?? [];
  }

  /** Forgets everything. */
  clear(): void {
    this.#sessions.clear();
    this.#transactions.clear();
    this.#bySession.clear();
    this.#operators.clear();
  }
}

/** A deep copy, so what the fake hands out can be mutated freely by the caller. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
