import { nullish, object, optional, type Infer } from '../core/model.js';
import { IdModel, openEnum, TextModel, TimestampModel, type OpenEnum } from './common.js';

/** An operator's role: free text on Kler's side; `cashier` is the default. */
export type OperatorRole = OpenEnum<'cashier'>;

/** A person working a session's terminals (a cashier, a gate supervisor…). */
export const OperatorModel = object({
  /** The operator's id, `op_…`. */
  id: IdModel,
  /** The session they work. */
  session_id: IdModel,
  /** Their name. */
  name: TextModel,
  /** Their email, when given. */
  email: nullish(TextModel),
  /** Their phone number, when given. */
  phone: nullish(TextModel),
  /** Their role; Kler defaults it to `cashier`. */
  role: optional(openEnum(['cashier'], 'a role')),
  /** When they were added. */
  created_at: optional(TimestampModel),
});
/**
 * A person working a session's terminals.
 * @interface
 */
export type Operator = Infer<typeof OperatorModel>;
