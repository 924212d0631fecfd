import { check, object, optional, record, refine, string, type Infer } from '../core/model.js';
import { nonBlank, TextModel, TimestampModel } from './common.js';

const boolean = (what: string) => check<boolean>((value) => typeof value === 'boolean', `${what} must be true or false`);
const posCountMessage = (value: unknown): string =>
  typeof value !== 'number' || !Number.isInteger(value)
    ? 'collection.pos_count must be a whole number from 1 to 50'
    : value < 1
      ? 'collection.pos_count must be at least 1'
      : 'collection.pos_count must be at most 50 (Kler assigns up to 50 terminals)';
const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** Validates `sessions.create` params before anything is sent. Unknown keys pass through. */
export const SessionCreateParamsModel = refine(
  object({
    /** Your own id for the event; not unique (several sessions may share it). */
    external_event_id: nonBlank('external_event_id'),
    /** The session's name; also the collection account's name. */
    name: nonBlank('name'),
    /** `NGN`, the only currency Kler supports; Kler defaults to it. */
    currency: optional(
      check<'NGN'>((value) => value === 'NGN', 'currency must be "NGN", the only currency Kler supports (or leave it out)'),
    ),
    /** ISO 8601 start of the event. */
    starts_at: optional(TimestampModel),
    /** ISO 8601 end of the event; must be later than `starts_at`. */
    ends_at: optional(TimestampModel),
    /** How the session collects money; at least one of `account` and `pos` must be true. */
    collection: object(
      {
        /** Provision a dedicated Providus Bank collection account. */
        account: boolean('collection.account'),
        /** Assign POS terminals. */
        pos: boolean('collection.pos'),
        /** How many POS terminals, 1 to 50; required when `pos` is true. */
        pos_count: optional(
          check<number>((value) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 50, posCountMessage),
        ),
      },
      { message: 'collection is required: { account: boolean, pos: boolean, pos_count?: 1–50 }' },
    ),
    /** Where Kler POSTs this session's webhooks: an absolute http(s) URL. */
    webhook_url: optional(
      string(isHttpUrl, 'webhook_url must be an absolute http(s) URL, e.g. "https://tickets.example.com/kler/webhooks"'),
    ),
    /** Arbitrary JSON stored with the session: a plain object. */
    metadata: optional(record(TextModel, check<unknown>(() => true, ''), 'metadata must be a plain JSON object')),
  }),
  (params, push) => {
    const { collection } = params;
    if (collection.pos && collection.pos_count === undefined) {
      push('collection.pos_count', 'collection.pos_count is required when collection.pos is true (a whole number from 1 to 50)');
    }
    if (!collection.account && !collection.pos) {
      push('collection', 'collection must enable account, pos or both');
    }
    if (params.starts_at && params.ends_at && Date.parse(params.ends_at) <= Date.parse(params.starts_at)) {
      push('ends_at', `ends_at (${params.ends_at}) must be later than starts_at (${params.starts_at})`);
    }
  },
);
/** What `sessions.create` accepts once validated. */
export type ValidSessionCreateParams = Infer<typeof SessionCreateParamsModel>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates `operators.create` params before anything is sent. */
export const OperatorCreateParamsModel = object({
  /** The operator's name; not empty. */
  name: nonBlank('name'),
  /** The operator's email address. */
  email: optional(string(EMAIL, 'email must be an email address')),
  /** The operator's phone number, as free text. */
  phone: optional(string(() => true, 'phone must be a string')),
  /** The operator's role, free text; Kler defaults it to `cashier`. */
  role: optional(nonBlank('role')),
});
