import * as z from 'zod/mini';
import { IdSchema, openEnum, TimestampSchema, type OpenEnum } from './common.js';

/** An operator's role: free text on Kler's side; `cashier` is the default. */
export type OperatorRole = OpenEnum<'cashier'>;

/** A person working a session's terminals (a cashier, a gate supervisor…). */
export const OperatorSchema = z.looseObject({
  id: IdSchema,
  session_id: IdSchema,
  name: z.string(),
  email: z.optional(z.nullable(z.string())),
  phone: z.optional(z.nullable(z.string())),
  role: z.optional(openEnum(['cashier'])),
  created_at: z.optional(TimestampSchema),
});
export type Operator = z.infer<typeof OperatorSchema>;
