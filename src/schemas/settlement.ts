import * as z from 'zod/mini';
import { AmountSchema, CountSchema, CountTotalSchema, DateSchema, IdSchema, TimestampSchema } from './common.js';

/**
 * What has been paid out to the organiser and what is still waiting. `pending_count` counts
 * successful transactions awaiting settlement (not `pending` transactions). `by_date` is keyed
 * by settlement date (`YYYY-MM-DD`).
 */
export const SettlementSchema = z.looseObject({
  session_id: IdSchema,
  total_settled: AmountSchema,
  total_pending_settlement: AmountSchema,
  settled_count: CountSchema,
  pending_count: CountSchema,
  by_date: z.record(DateSchema, CountTotalSchema),
  generated_at: TimestampSchema,
});
export type Settlement = z.infer<typeof SettlementSchema>;
