/**
 * The exported types are derived from the schemas, and must stay what they were when they were
 * written by hand: each is compared with an independent, hand-written statement of the documented
 * shape (field names, optionality, `null`, open enums), and with zod's own output type.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type {
  AnyKlerWebhookEvent,
  Channel,
  CollectionAccount,
  CountTotal,
  Currency,
  KlerWebhookEvent,
  Operator,
  OperatorCreateParams,
  OperatorRole,
  PosTerminal,
  Reconciliation,
  Session,
  SessionCreateParams,
  SessionStatus,
  Settlement,
  TerminalStatus,
  Transaction,
  TransactionListParams,
  TransactionStatus,
  UnknownWebhookEvent,
  WebhookTransaction,
} from '../../src/index.js';
import type { Infer, InferInput } from '../../src/schemas/index.js';
import type * as S from '../../src/schemas/index.js';

type Open<T extends string> = T | (string & {});

interface ExpectedCollectionAccount {
  account_number: string;
  account_name: string;
  bank_name: string;
  bank_code: string;
}
interface ExpectedPosTerminal {
  terminal_id: string;
  label?: string | null | undefined;
  status: Open<'assigned' | 'online' | 'offline'>;
}
interface ExpectedSession {
  session_id: string;
  status: Open<'pending' | 'active' | 'closed' | 'cancelled'>;
  external_event_id?: string | null | undefined;
  name?: string | null | undefined;
  currency?: Open<'NGN'> | undefined;
  collection_account?: ExpectedCollectionAccount | null | undefined;
  pos_terminals?: ExpectedPosTerminal[] | null | undefined;
  starts_at?: string | null | undefined;
  ends_at?: string | null | undefined;
  webhook_url?: string | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
  created_at?: string | undefined;
}
interface ExpectedWebhookTransaction {
  id: string;
  amount: string;
  currency: Open<'NGN'>;
  channel: Open<'bank_transfer' | 'pos' | 'ussd' | 'card'>;
  status: Open<'successful' | 'pending' | 'failed'>;
  sender_name?: string | null | undefined;
  sender_account?: string | null | undefined;
  sender_bank?: string | null | undefined;
  narration?: string | null | undefined;
  providus_ref?: string | null | undefined;
  terminal_id?: string | null | undefined;
  operator_id?: string | null | undefined;
  paid_at?: string | null | undefined;
  session_id?: string | undefined;
  created_at?: string | undefined;
}
type ExpectedTransaction = Omit<ExpectedWebhookTransaction, 'session_id'> & { session_id: string };
interface ExpectedCountTotal {
  count: number;
  total: string;
}
interface ExpectedReconciliation {
  session_id: string;
  total_inflow: string;
  transaction_count: number;
  successful_count: number;
  pending_count: number;
  failed_count: number;
  by_channel: Record<string, ExpectedCountTotal>;
  by_terminal?: Record<string, ExpectedCountTotal> | undefined;
  reconciled_at: string;
}
interface ExpectedSettlement {
  session_id: string;
  total_settled: string;
  total_pending_settlement: string;
  settled_count: number;
  pending_count: number;
  by_date: Record<string, ExpectedCountTotal>;
  generated_at: string;
}
interface ExpectedOperator {
  id: string;
  session_id: string;
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  role?: Open<'cashier'> | undefined;
  created_at?: string | undefined;
}
interface ExpectedSessionCreateParams {
  external_event_id: string;
  name: string;
  currency?: 'NGN' | undefined;
  starts_at?: string | undefined;
  ends_at?: string | undefined;
  collection: { account: boolean; pos: boolean; pos_count?: number | undefined };
  webhook_url?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}
interface ExpectedOperatorCreateParams {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  role?: Open<'cashier'> | undefined;
}
interface ExpectedTransactionListParams {
  session_id: string;
  limit?: number | undefined;
  offset?: number | undefined;
}
interface ExpectedTransactionReceivedEvent {
  event: 'transaction.received';
  session_id: string;
  data: ExpectedWebhookTransaction;
  webhook_id: string;
  timestamp: number;
}
interface ExpectedUnknownWebhookEvent {
  event: string;
  session_id?: unknown;
  data?: unknown;
  webhook_id: string;
  timestamp: number;
}

describe('the exported model types', () => {
  it('are the documented shapes, with no index signature', () => {
    expectTypeOf<Session>().toEqualTypeOf<ExpectedSession>();
    expectTypeOf<CollectionAccount>().toEqualTypeOf<ExpectedCollectionAccount>();
    expectTypeOf<PosTerminal>().toEqualTypeOf<ExpectedPosTerminal>();
    expectTypeOf<WebhookTransaction>().toEqualTypeOf<ExpectedWebhookTransaction>();
    expectTypeOf<Transaction>().toEqualTypeOf<{ [K in keyof ExpectedTransaction]: ExpectedTransaction[K] }>();
    expectTypeOf<CountTotal>().toEqualTypeOf<ExpectedCountTotal>();
    expectTypeOf<Reconciliation>().toEqualTypeOf<ExpectedReconciliation>();
    expectTypeOf<Settlement>().toEqualTypeOf<ExpectedSettlement>();
    expectTypeOf<Operator>().toEqualTypeOf<ExpectedOperator>();
    expectTypeOf<KlerWebhookEvent>().toEqualTypeOf<ExpectedTransactionReceivedEvent>();
    expectTypeOf<UnknownWebhookEvent>().toEqualTypeOf<ExpectedUnknownWebhookEvent>();
    expectTypeOf<AnyKlerWebhookEvent>().toEqualTypeOf<ExpectedTransactionReceivedEvent | ExpectedUnknownWebhookEvent>();
  });

  it('are the open enums of the documented values', () => {
    expectTypeOf<SessionStatus>().toEqualTypeOf<Open<'pending' | 'active' | 'closed' | 'cancelled'>>();
    expectTypeOf<TerminalStatus>().toEqualTypeOf<Open<'assigned' | 'online' | 'offline'>>();
    expectTypeOf<TransactionStatus>().toEqualTypeOf<Open<'successful' | 'pending' | 'failed'>>();
    expectTypeOf<Channel>().toEqualTypeOf<Open<'bank_transfer' | 'pos' | 'ussd' | 'card'>>();
    expectTypeOf<Currency>().toEqualTypeOf<Open<'NGN'>>();
    expectTypeOf<OperatorRole>().toEqualTypeOf<Open<'cashier'>>();
  });

  it("equal each schema's output type (Infer), and zod's output is usable as them", () => {
    expectTypeOf<Infer<typeof S.SessionSchema>>().toEqualTypeOf<Session>();
    expectTypeOf<Infer<typeof S.TransactionSchema>>().toEqualTypeOf<Transaction>();
    expectTypeOf<Infer<typeof S.WebhookTransactionSchema>>().toEqualTypeOf<WebhookTransaction>();
    expectTypeOf<Infer<typeof S.ReconciliationSchema>>().toEqualTypeOf<Reconciliation>();
    expectTypeOf<Infer<typeof S.SettlementSchema>>().toEqualTypeOf<Settlement>();
    expectTypeOf<Infer<typeof S.OperatorSchema>>().toEqualTypeOf<Operator>();
    expectTypeOf<Infer<typeof S.KlerWebhookEventSchema>>().toEqualTypeOf<KlerWebhookEvent>();
    expectTypeOf<Infer<typeof S.UnknownWebhookEventSchema>>().toEqualTypeOf<UnknownWebhookEvent>();
    expectTypeOf<Infer<typeof S.AnyKlerWebhookEventSchema>>().toEqualTypeOf<AnyKlerWebhookEvent>();
    // What `SessionSchema.parse(...)` returns (unknown keys kept) can be used as a Session.
    expectTypeOf<z.output<typeof S.SessionSchema>>().toExtend<Session>();
    expectTypeOf<z.output<typeof S.TransactionSchema>>().toExtend<Transaction>();
  });

  it('make typos compile errors and keep Omit/keyof useful', () => {
    expectTypeOf<keyof Session>().toEqualTypeOf<keyof ExpectedSession>();
    // @ts-expect-error a misspelt field is an error, not `unknown`
    const typo = (session: Session) => session.sesion_id;
    expectTypeOf(typo).toBeFunction();
  });
});

describe('the exported params types', () => {
  it("are what each method takes, equal to each schema's input type", () => {
    expectTypeOf<SessionCreateParams>().toEqualTypeOf<ExpectedSessionCreateParams>();
    expectTypeOf<OperatorCreateParams>().toEqualTypeOf<ExpectedOperatorCreateParams>();
    expectTypeOf<TransactionListParams>().toEqualTypeOf<ExpectedTransactionListParams>();
    expectTypeOf<InferInput<typeof S.SessionCreateParamsSchema>>().toEqualTypeOf<SessionCreateParams>();
    expectTypeOf<InferInput<typeof S.OperatorCreateParamsSchema>>().toEqualTypeOf<OperatorCreateParams>();
    expectTypeOf<InferInput<typeof S.TransactionListParamsSchema>>().toEqualTypeOf<TransactionListParams>();
  });
});

describe('KlerWebhookEvent narrows in user code', () => {
  it('with if and with switch, keeping a default branch for event types added later', () => {
    const withIf = (event: KlerWebhookEvent) => {
      if (event.event === 'transaction.received') {
        expectTypeOf(event.data.amount).toEqualTypeOf<string>();
        expectTypeOf(event.data).toEqualTypeOf<WebhookTransaction>();
      }
    };
    const withSwitch = (event: KlerWebhookEvent): string => {
      switch (event.event) {
        case 'transaction.received':
          return event.data.amount;
        default: {
          // Nothing the SDK knows is left: what arrives here is an event type added later.
          const other: UnknownWebhookEvent = event;
          expectTypeOf(other.data).toEqualTypeOf<unknown>();
          return other.event;
        }
      }
    };
    expectTypeOf(withIf).toBeFunction();
    expectTypeOf(withSwitch).returns.toEqualTypeOf<string>();
  });
});
