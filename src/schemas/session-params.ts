import * as z from 'zod/mini';
import { TimestampSchema } from './common.js';

const nonEmpty = (what: string) =>
  z.string({ error: `${what} is required and must be a string` }).check(
    z.refine((s) => s.trim().length > 0, { error: `${what} must not be empty` }),
  );

/** Validates `sessions.create` params before anything is sent. Unknown keys pass through. */
export const SessionCreateParamsSchema = z
  .looseObject({
    external_event_id: nonEmpty('external_event_id'),
    name: nonEmpty('name'),
    currency: z.optional(
      z.literal('NGN', { error: 'currency must be "NGN", the only currency Kler supports (or leave it out)' }),
    ),
    starts_at: z.optional(TimestampSchema),
    ends_at: z.optional(TimestampSchema),
    collection: z.looseObject(
      {
        account: z.boolean({ error: 'collection.account must be true or false' }),
        pos: z.boolean({ error: 'collection.pos must be true or false' }),
        pos_count: z.optional(
          z.number({ error: 'collection.pos_count must be a whole number from 1 to 50' }).check(
            z.int({ error: 'collection.pos_count must be a whole number from 1 to 50' }),
            z.gte(1, { error: 'collection.pos_count must be at least 1' }),
            z.lte(50, { error: 'collection.pos_count must be at most 50 (Kler assigns up to 50 terminals)' }),
          ),
        ),
      },
      { error: 'collection is required: { account: boolean, pos: boolean, pos_count?: 1–50 }' },
    ),
    webhook_url: z.optional(
      z.url({
        protocol: /^https?$/,
        error: 'webhook_url must be an absolute http(s) URL, e.g. "https://tickets.example.com/kler/webhooks"',
      }),
    ),
    metadata: z.optional(z.record(z.string(), z.unknown(), { error: 'metadata must be a plain JSON object' })),
  })
  .check(
    z.superRefine((params, ctx) => {
      const { collection } = params;
      if (collection.pos && collection.pos_count === undefined) {
        ctx.issues.push({
          code: 'custom',
          path: ['collection', 'pos_count'],
          message: 'collection.pos_count is required when collection.pos is true (a whole number from 1 to 50)',
          input: collection,
        });
      }
      if (!collection.account && !collection.pos) {
        ctx.issues.push({
          code: 'custom',
          path: ['collection'],
          message: 'collection must enable at least one of account or pos, or the session cannot take payments',
          input: collection,
        });
      }
      if (params.starts_at && params.ends_at && Date.parse(params.ends_at) <= Date.parse(params.starts_at)) {
        ctx.issues.push({
          code: 'custom',
          path: ['ends_at'],
          message: `ends_at (${params.ends_at}) must be later than starts_at (${params.starts_at})`,
          input: params.ends_at,
        });
      }
    }),
  );

/** Validates `operators.create` params before anything is sent. */
export const OperatorCreateParamsSchema = z.looseObject({
  name: nonEmpty('name'),
  email: z.optional(z.email({ error: 'email must be an email address' })),
  phone: z.optional(z.string({ error: 'phone must be a string' })),
  role: z.optional(nonEmpty('role')),
});
