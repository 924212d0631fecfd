import * as z from 'zod/mini';
import { CurrencySchema, IdSchema, openEnum, TimestampSchema, type OpenEnum } from './common.js';

/** Where a session is in its life: `pending → active → closed`, or `cancelled`. Open enum. */
export type SessionStatus = OpenEnum<'pending' | 'active' | 'closed' | 'cancelled'>;
export const SessionStatusSchema = openEnum(['pending', 'active', 'closed', 'cancelled']);

/** A POS terminal's state. Only `assigned` is documented; online/offline states are expected. */
export type TerminalStatus = OpenEnum<'assigned' | 'online' | 'offline'>;
export const TerminalStatusSchema = openEnum(['assigned', 'online', 'offline']);

/** The dedicated Providus Bank account that collects this session's transfers. */
export const CollectionAccountSchema = z.looseObject({
  account_number: z.string().check(z.minLength(1)),
  account_name: z.string(),
  bank_name: z.string(),
  bank_code: z.string(),
});
export type CollectionAccount = z.infer<typeof CollectionAccountSchema>;

/** A POS terminal assigned to a session, e.g. `pos_3f1e2d_001`. */
export const PosTerminalSchema = z.looseObject({
  terminal_id: IdSchema,
  label: z.optional(z.string()),
  status: TerminalStatusSchema,
});
export type PosTerminal = z.infer<typeof PosTerminalSchema>;

/**
 * A session: one event's payment layer. Both documented shapes parse: the API reference's
 * (with `external_event_id`, `name`, `currency`, `created_at`) and the quickstart's (without
 * them), as does the `close` answer, which the docs show with only `session_id` and `status`.
 */
export const SessionSchema = z.looseObject({
  session_id: IdSchema,
  status: SessionStatusSchema,
  external_event_id: z.optional(z.string()),
  name: z.optional(z.string()),
  currency: z.optional(CurrencySchema),
  collection_account: z.optional(z.nullable(CollectionAccountSchema)),
  pos_terminals: z.optional(z.array(PosTerminalSchema)),
  starts_at: z.optional(z.nullable(TimestampSchema)),
  ends_at: z.optional(z.nullable(TimestampSchema)),
  webhook_url: z.optional(z.nullable(z.string())),
  metadata: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  created_at: z.optional(TimestampSchema),
});
export type Session = z.infer<typeof SessionSchema>;
