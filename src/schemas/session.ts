import { array, check, nullable, nullish, object, optional, record, string, type Infer } from '../core/model.js';
import { CurrencyModel, IdModel, openEnum, TextModel, TimestampModel, type OpenEnum } from './common.js';

/** Where a session is in its life: `pending → active → closed`, or `cancelled`. Open enum. */
export type SessionStatus = OpenEnum<'pending' | 'active' | 'closed' | 'cancelled'>;
export const SessionStatusModel = openEnum(['pending', 'active', 'closed', 'cancelled'], 'a session status');

/** A POS terminal's state. Only `assigned` is documented; online/offline states are expected. */
export type TerminalStatus = OpenEnum<'assigned' | 'online' | 'offline'>;
export const TerminalStatusModel = openEnum(['assigned', 'online', 'offline'], 'a terminal status');

/** The dedicated Providus Bank account that collects this session's transfers. */
export const CollectionAccountModel = object({
  /** The NUBAN payers transfer to. */
  account_number: string((value) => value.length > 0, 'expected a non-empty account number'),
  /** The name payers see, e.g. `Kler / Lagos Music Festival 2025`. */
  account_name: TextModel,
  /** The bank's name, e.g. `Providus Bank`. */
  bank_name: TextModel,
  /** The bank's CBN code, e.g. `101`. */
  bank_code: TextModel,
});
/**
 * The dedicated Providus Bank account that collects this session's transfers.
 * @interface
 */
export type CollectionAccount = Infer<typeof CollectionAccountModel>;

/** A POS terminal assigned to a session, e.g. `pos_3f1e2d_001`. */
export const PosTerminalModel = object({
  /** The terminal's id, e.g. `pos_3f1e2d_001`. */
  terminal_id: IdModel,
  /** A human label, e.g. `Terminal 1`. */
  label: nullish(TextModel),
  /** `assigned` today; open to the states Kler adds. */
  status: TerminalStatusModel,
});
/**
 * A POS terminal assigned to a session.
 * @interface
 */
export type PosTerminal = Infer<typeof PosTerminalModel>;

/**
 * A session: one event's payment layer. Both documented shapes parse: the API reference's
 * (with `external_event_id`, `name`, `currency`, `created_at`) and the quickstart's (without
 * them), as does the `close` answer, which the docs show with only `session_id` and `status`.
 */
export const SessionModel = object({
  /** The session's id: `sess_…` or a hex string; treat it as opaque. */
  session_id: IdModel,
  /** Where the session is in its life: `pending`, `active`, `closed` or `cancelled` (open). */
  status: SessionStatusModel,
  /** Your own id for the event, as given to `sessions.create`. Not unique across sessions. */
  external_event_id: nullish(TextModel),
  /** The session's name; also the collection account's name. */
  name: nullish(TextModel),
  /** `NGN`. */
  currency: optional(CurrencyModel),
  /** The bank account payers transfer to; absent or `null` when the session has none. */
  collection_account: optional(nullable(CollectionAccountModel)),
  /** The POS terminals assigned to the session; may be absent, `null` or empty without POS. */
  pos_terminals: nullish(array(PosTerminalModel)),
  /** ISO 8601 start of the event, when Kler sends it (not in a documented response). */
  starts_at: nullish(TimestampModel),
  /** ISO 8601 end of the event, when Kler sends it (not in a documented response). */
  ends_at: nullish(TimestampModel),
  /** Where Kler POSTs this session's webhooks, when Kler sends it (not in a documented response). */
  webhook_url: nullish(TextModel),
  /** The JSON object stored with the session, when Kler sends it (not in a documented response). */
  metadata: nullish(record(TextModel, check<unknown>(() => true, ''), 'expected metadata as a JSON object')),
  /** When Kler created the session. */
  created_at: optional(TimestampModel),
});

/**
 * A session: one event's payment layer. Fields the docs show only in some answers are optional:
 * `close` may answer with only `session_id` and `status`.
 * @interface
 */
export type Session = Infer<typeof SessionModel>;
