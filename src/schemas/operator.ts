import { looseObject, nullish, optional } from 'zod/mini';
import { expecting, IdSchema, openEnum, TextSchema, TimestampSchema, type OpenEnum } from './common.js';
import type { Infer } from './infer.js';

/** An operator's role: free text on Kler's side; `cashier` is the default. */
export type OperatorRole = OpenEnum<'cashier'>;

/** A person working a session's terminals (a cashier, a gate supervisor…). */
export const OperatorSchema = /* @__PURE__ */ looseObject(
  {
    /** The operator's id, `op_…`. */
    id: IdSchema,
    /** The session they work. */
    session_id: IdSchema,
    /** Their name. */
    name: TextSchema,
    /** Their email, when given. */
    email: nullish(TextSchema),
    /** Their phone number, when given. */
    phone: nullish(TextSchema),
    /** Their role; Kler defaults it to `cashier`. */
    role: optional(openEnum<OperatorRole>('a role')),
    /** When they were added. */
    created_at: optional(TimestampSchema),
  },
  expecting('expected an operator object'),
);
/**
 * A person working a session's terminals.
 * @interface
 */
export type Operator = Infer<typeof OperatorSchema>;
