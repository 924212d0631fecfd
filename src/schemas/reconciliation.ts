import * as z from 'zod/mini';
import { AmountSchema, CountSchema, CountTotalSchema, IdSchema, TimestampSchema } from './common.js';

/**
 * Live totals for a session. `total_inflow` sums successful transactions; `transaction_count`
 * counts every status. The breakdowns count successful volume only, keyed by channel or
 * terminal id; a key with no volume is absent.
 */
export const ReconciliationSchema = z.looseObject({
  session_id: IdSchema,
  total_inflow: AmountSchema,
  transaction_count: CountSchema,
  successful_count: CountSchema,
  pending_count: CountSchema,
  failed_count: CountSchema,
  by_channel: z.record(z.string(), CountTotalSchema),
  by_terminal: z.optional(z.record(z.string(), CountTotalSchema)),
  reconciled_at: TimestampSchema,
});
export type Reconciliation = z.infer<typeof ReconciliationSchema>;
