/**
 * The params the SDK checks before sending anything: what `sessions.create` and
 * `operators.create` accept. Unknown keys pass through (Kler may accept fields the SDK does not
 * know yet); rules across fields (`pos_count` with `pos`, `ends_at` after `starts_at`) are
 * refinements of the object.
 */
import { boolean, int, literal, looseObject, maximum, minimum, optional, record, regex, string, refine, unknown, type ZodMiniType } from 'zod/mini';
import type { $ZodRawIssue } from 'zod/v4/core';
import { TimestampSchema } from './common.js';
import type { InferInput } from './infer.js';
import type { OperatorRole } from './operator.js';

/** An `error` option naming the param: `<field> is required` when it is missing, `message` otherwise. */
/* @__NO_SIDE_EFFECTS__ */
export function param(field: string, message: string): { error: (issue: $ZodRawIssue) => string } {
  return { error: (issue) => (issue.input === undefined ? `${field} is required` : message) };
}

/** A string param with something in it besides spaces. */
/* @__NO_SIDE_EFFECTS__ */
export function nonBlank(field: string) {
  return string(param(field, `${field} must be a string`)).check(regex(/\S/, { error: `${field} must not be empty` }));
}

const WEBHOOK_URL = { error: 'webhook_url must be an absolute http(s) URL, e.g. "https://tickets.example.com/kler/webhooks"' };

/**
 * Whether `value` parses as an absolute http(s) URL with a host, as `new URL` (and so Kler's
 * server, and fetch) reads it. A refinement rather than zod's `url()`: the same verdict, for
 * ~0.5 kB less in every client bundle (the one place the root entry's size budget is tight).
 */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const POS_COUNT = 'collection.pos_count must be a whole number from 1 to 50';

/** How a session collects money; at least one of `account` and `pos` must be true. */
export const SessionCollectionParamsSchema = /* @__PURE__ */ looseObject(
  {
    /** Provision a dedicated Providus Bank collection account. */
    account: boolean(param('collection.account', 'collection.account must be true or false')),
    /** Assign POS terminals. */
    pos: boolean(param('collection.pos', 'collection.pos must be true or false')),
    /**
     * How many POS terminals (1–50). Required when `pos` is true.
     * @default `undefined`: no terminals (must be set when `pos` is true)
     */
    pos_count: optional(
      int({ error: POS_COUNT }).check(
        minimum(1, { error: 'collection.pos_count must be at least 1' }),
        maximum(50, { error: 'collection.pos_count must be at most 50 (Kler assigns up to 50 terminals)' }),
      ),
    ),
  },
  param('collection', 'collection is required: { account: boolean, pos: boolean, pos_count?: 1–50 }'),
);
/**
 * How a session collects money.
 * @interface
 */
export type SessionCollectionParams = InferInput<typeof SessionCollectionParamsSchema>;

/** Validates `sessions.create` params before anything is sent. */
export const SessionCreateParamsSchema = /* @__PURE__ */ looseObject(
  {
    /** Your own id for the event. Not unique: several sessions (zones, tiers) may share it. */
    external_event_id: nonBlank('external_event_id'),
    /** The session's name; also the collection account's name. */
    name: nonBlank('name'),
    /** Only `NGN` is supported. @default `'NGN'` (applied by Kler) */
    currency: optional(literal('NGN', { error: 'currency must be "NGN", the only currency Kler supports (or leave it out)' })),
    /**
     * ISO 8601 start of the event.
     * @default `undefined`: the session has no start time
     */
    starts_at: optional(TimestampSchema),
    /**
     * ISO 8601 end of the event; must be later than `starts_at`.
     * @default `undefined`: the session has no end time
     */
    ends_at: optional(TimestampSchema),
    /** How the session collects money: a bank account, POS terminals, or both. */
    collection: SessionCollectionParamsSchema,
    /**
     * Where Kler POSTs this session's webhooks: an absolute http(s) URL. Cannot be changed after creation.
     * @default `undefined`: Kler has nowhere to POST this session's events (read them with `transactions.list`)
     */
    webhook_url: optional(
      string(WEBHOOK_URL).check(refine(isHttpUrl, WEBHOOK_URL)),
    ),
    /**
     * Arbitrary JSON stored with the session: a plain object.
     * @default `undefined`: none
     */
    metadata: optional(record(string(), unknown(), { error: 'metadata must be a plain JSON object' })),
  },
  { error: 'expected an object of params' },
).check(
  // Rules across fields, one refinement each, so each reports its own path.
  refine((params) => !params.collection.pos || params.collection.pos_count !== undefined, {
    path: ['collection', 'pos_count'],
    error: 'collection.pos_count is required when collection.pos is true (a whole number from 1 to 50)',
  }),
  refine((params) => params.collection.account || params.collection.pos, {
    path: ['collection'],
    error: 'collection must enable at least one of account or pos, or the session cannot take payments',
  }),
  // Only when both are timestamps: a malformed one has its own issue, and NaN compares false.
  refine((params) => !params.starts_at || !params.ends_at || !(Date.parse(params.ends_at) <= Date.parse(params.starts_at)), {
    path: ['ends_at'],
    error: (issue) => {
      const { starts_at, ends_at } = issue.input as { starts_at: string; ends_at: string };
      return `ends_at (${ends_at}) must be later than starts_at (${starts_at})`;
    },
  }),
);
/**
 * Body of `sessions.create`. Field names are Kler's.
 * @interface
 */
export type SessionCreateParams = InferInput<typeof SessionCreateParamsSchema>;

/** An email address as the SDK accepts it: something, `@`, a domain with a dot; no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates `operators.create` params before anything is sent. */
export const OperatorCreateParamsSchema = /* @__PURE__ */ looseObject(
  {
    /** The operator's name; not empty. */
    name: nonBlank('name'),
    /**
     * The operator's email address.
     * @default `undefined`: none
     */
    email: optional(string({ error: 'email must be an email address' }).check(regex(EMAIL, { error: 'email must be an email address' }))),
    /**
     * The operator's phone number, as free text.
     * @default `undefined`: none
     */
    phone: optional(string({ error: 'phone must be a string' })),
    /**
     * The operator's role, free text.
     * @default `'cashier'` (applied by Kler)
     */
    role: optional(nonBlank('role') as ZodMiniType<string, string> as ZodMiniType<OperatorRole, OperatorRole>),
  },
  { error: 'expected an object of params' },
);
/**
 * Body of `operators.create`. Field names are Kler's.
 * @interface
 */
export type OperatorCreateParams = InferInput<typeof OperatorCreateParamsSchema>;
