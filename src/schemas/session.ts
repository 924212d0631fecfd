import { array, looseObject, nullable, nullish, optional, record, string, unknown } from 'zod/mini';
import { CurrencySchema, expecting, IdSchema, nonEmpty, openEnum, TextSchema, TimestampSchema, type OpenEnum } from './common.js';
import type { Infer } from './infer.js';

/** Where a session is in its life: `pending → active → closed`, or `cancelled`. Open enum. */
export type SessionStatus = OpenEnum<'pending' | 'active' | 'closed' | 'cancelled'>;
/** A session status (open). */
export const SessionStatusSchema = /* @__PURE__ */ openEnum<SessionStatus>('a session status');

/** A POS terminal's state. Only `assigned` is documented; online/offline states are expected. */
export type TerminalStatus = OpenEnum<'assigned' | 'online' | 'offline'>;
/** A terminal status (open). */
export const TerminalStatusSchema = /* @__PURE__ */ openEnum<TerminalStatus>('a terminal status');

/** The dedicated Providus Bank account that collects this session's transfers. */
export const CollectionAccountSchema = /* @__PURE__ */ looseObject(
  {
    /** The NUBAN payers transfer to. */
    account_number: nonEmpty('expected a non-empty account number'),
    /** The name payers see, e.g. `Kler / Lagos Music Festival 2025`. */
    account_name: TextSchema,
    /** The bank's name, e.g. `Providus Bank`. */
    bank_name: TextSchema,
    /** The bank's CBN code, e.g. `101`. */
    bank_code: TextSchema,
  },
  expecting('expected the collection account { account_number, account_name, bank_name, bank_code }'),
);
/**
 * The dedicated Providus Bank account that collects this session's transfers.
 * @interface
 */
export type CollectionAccount = Infer<typeof CollectionAccountSchema>;

/** A POS terminal assigned to a session, e.g. `pos_3f1e2d_001`. */
export const PosTerminalSchema = /* @__PURE__ */ looseObject(
  {
    /** The terminal's id, e.g. `pos_3f1e2d_001`. */
    terminal_id: IdSchema,
    /** A human label, e.g. `Terminal 1`. */
    label: nullish(TextSchema),
    /** `assigned` today; open to the states Kler adds. */
    status: TerminalStatusSchema,
  },
  expecting('expected a POS terminal { terminal_id, label, status }'),
);
/**
 * A POS terminal assigned to a session.
 * @interface
 */
export type PosTerminal = Infer<typeof PosTerminalSchema>;

/**
 * A session: one event's payment layer. Both documented shapes parse: the API reference's
 * (with `external_event_id`, `name`, `currency`, `created_at`) and the quickstart's (without
 * them), as does the `close` answer, which the docs show with only `session_id` and `status`.
 */
export const SessionSchema = /* @__PURE__ */ looseObject(
  {
    /** The session's id: `sess_…` or a hex string; treat it as opaque. */
    session_id: IdSchema,
    /** Where the session is in its life: `pending`, `active`, `closed` or `cancelled` (open). */
    status: SessionStatusSchema,
    /** Your own id for the event, as given to `sessions.create`. Not unique across sessions. */
    external_event_id: nullish(TextSchema),
    /** The session's name; also the collection account's name. */
    name: nullish(TextSchema),
    /** `NGN`. */
    currency: optional(CurrencySchema),
    /** The bank account payers transfer to; absent or `null` when the session has none. */
    collection_account: optional(nullable(CollectionAccountSchema)),
    /** The POS terminals assigned to the session; may be absent, `null` or empty without POS. */
    pos_terminals: nullish(array(PosTerminalSchema, expecting('expected an array of POS terminals'))),
    /** ISO 8601 start of the event, when Kler sends it (not in a documented response). */
    starts_at: nullish(TimestampSchema),
    /** ISO 8601 end of the event, when Kler sends it (not in a documented response). */
    ends_at: nullish(TimestampSchema),
    /** Where Kler POSTs this session's webhooks, when Kler sends it (not in a documented response). */
    webhook_url: nullish(TextSchema),
    /** The JSON object stored with the session, when Kler sends it (not in a documented response). */
    metadata: nullish(record(string(), unknown(), expecting('expected metadata as a JSON object'))),
    /** When Kler created the session. */
    created_at: optional(TimestampSchema),
  },
  expecting('expected a session object'),
);

/**
 * A session: one event's payment layer. Fields the docs show only in some answers are optional:
 * `close` may answer with only `session_id` and `status`.
 * @interface
 */
export type Session = Infer<typeof SessionSchema>;
