import { check, object, optional, record, string, type Infer } from '../core/model.js';
import { TextModel, TimestampModel } from './common.js';

const nonEmpty = (what: string) =>
  string((value) => value.trim().length > 0, (value) =>
    typeof value === 'string' ? `${what} must not be empty` : `${what} must be a string`,
  );
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
export const SessionCreateParamsModel = object(
  {
    external_event_id: nonEmpty('external_event_id'),
    name: nonEmpty('name'),
    currency: optional(
      check<'NGN'>((value) => value === 'NGN', 'currency must be "NGN", the only currency Kler supports (or leave it out)'),
    ),
    starts_at: optional(TimestampModel),
    ends_at: optional(TimestampModel),
    collection: object(
      {
        account: boolean('collection.account'),
        pos: boolean('collection.pos'),
        pos_count: optional(
          check<number>((value) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 50, posCountMessage),
        ),
      },
      { message: 'collection is required: { account: boolean, pos: boolean, pos_count?: 1–50 }' },
    ),
    webhook_url: optional(
      string(isHttpUrl, 'webhook_url must be an absolute http(s) URL, e.g. "https://tickets.example.com/kler/webhooks"'),
    ),
    metadata: optional(record(TextModel, check<unknown>(() => true, ''), 'metadata must be a plain JSON object')),
  },
  {
    refine: (params, push) => {
      const { collection } = params;
      if (collection.pos && collection.pos_count === undefined) {
        push('collection.pos_count', 'collection.pos_count is required when collection.pos is true (a whole number from 1 to 50)');
      }
      if (!collection.account && !collection.pos) {
        push('collection', 'collection must enable at least one of account or pos, or the session cannot take payments');
      }
      if (params.starts_at && params.ends_at && Date.parse(params.ends_at) <= Date.parse(params.starts_at)) {
        push('ends_at', `ends_at (${params.ends_at}) must be later than starts_at (${params.starts_at})`);
      }
    },
  },
);
/** What `sessions.create` accepts once validated. */
export type ValidSessionCreateParams = Infer<typeof SessionCreateParamsModel>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates `operators.create` params before anything is sent. */
export const OperatorCreateParamsModel = object({
  name: nonEmpty('name'),
  email: optional(string(EMAIL, 'email must be an email address')),
  phone: optional(string(() => true, 'phone must be a string')),
  role: optional(nonEmpty('role')),
});
