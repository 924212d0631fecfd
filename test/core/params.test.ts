import { describe, expect, it } from 'vitest';
import { KlerInvalidParamsError, type SessionCreateParams } from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { makeClient, okJson, respondWith } from '../helpers.js';

const valid: SessionCreateParams = {
  external_event_id: 'evt_1',
  name: 'Main stage',
  collection: { account: true, pos: true, pos_count: 3 },
};

async function rejectionOf(params: unknown): Promise<KlerInvalidParamsError> {
  const seen = respondWith(okJson(docs.sessionApiReference));
  const error = await makeClient()
    .sessions.create(params as SessionCreateParams)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KlerInvalidParamsError);
  expect(seen).toHaveLength(0);
  return error as KlerInvalidParamsError;
}

describe('sessions.create checks its params before sending anything', () => {
  it.each([
    ['name missing', { ...valid, name: undefined }, 'name', /name is required/],
    ['name blank', { ...valid, name: '  ' }, 'name', /must not be empty/],
    ['external_event_id empty', { ...valid, external_event_id: '' }, 'external_event_id', /must not be empty/],
    ['collection missing', { ...valid, collection: undefined }, 'collection', /collection is required/],
    ['pos_count 0', { ...valid, collection: { account: false, pos: true, pos_count: 0 } }, 'collection.pos_count', /at least 1/],
    ['pos_count 51', { ...valid, collection: { account: false, pos: true, pos_count: 51 } }, 'collection.pos_count', /at most 50/],
    ['pos_count 2.5', { ...valid, collection: { account: false, pos: true, pos_count: 2.5 } }, 'collection.pos_count', /whole number/],
    ['pos_count "3"', { ...valid, collection: { account: false, pos: true, pos_count: '3' } }, 'collection.pos_count', /whole number/],
    ['pos without pos_count', { ...valid, collection: { account: true, pos: true } }, 'collection.pos_count', /required when collection.pos is true/],
    ['neither account nor pos', { ...valid, collection: { account: false, pos: false } }, 'collection', /must enable at least one of account or pos/],
    ['webhook_url not a URL', { ...valid, webhook_url: 'tickets.example.com/hook' }, 'webhook_url', /http\(s\) URL/],
    ['webhook_url ftp', { ...valid, webhook_url: 'ftp://example.com/hook' }, 'webhook_url', /http\(s\) URL/],
    ['currency USD', { ...valid, currency: 'USD' }, 'currency', /NGN/],
    ['starts_at not ISO', { ...valid, starts_at: '1 Aug 2025' }, 'starts_at', /ISO 8601/],
    [
      'ends_at before starts_at',
      { ...valid, starts_at: '2025-08-01T18:00:00.000Z', ends_at: '2025-08-01T17:00:00.000Z' },
      'ends_at',
      /later than starts_at/,
    ],
  ])('%s', async (_, params, field, message) => {
    const error = await rejectionOf(params);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('sessions.create');
  });

  it('params that are not an object are rejected', async () => {
    const error = await rejectionOf(null);
    expect(error.message).toContain('expected an object');
  });

  it.each([
    ['starts_at', { starts_at: 'not a time', ends_at: '2025-08-01T18:00:00.000Z' }],
    ['ends_at', { starts_at: '2025-08-01T18:00:00.000Z', ends_at: 'not a time' }],
  ])('a malformed %s is its one issue, not also "ends_at must be later"', async (field, times) => {
    const error = await rejectionOf({ ...valid, ...times });
    expect(error.issues.map((i) => i.field)).toEqual([field]);
    expect(error.message).not.toContain('must be later');
  });

  it('lists every problem at once', async () => {
    const error = await rejectionOf({ name: '', collection: { account: 'yes', pos: false } });
    expect(error.issues.map((i) => i.field).sort()).toEqual(['collection.account', 'external_event_id', 'name']);
  });

  it('a valid minimal body is sent as given', async () => {
    const seen = respondWith(okJson(docs.sessionApiReference, 201));
    await makeClient().sessions.create({ external_event_id: 'e', name: 'n', collection: { account: true, pos: false } });
    expect(seen[0]?.body).toEqual({ external_event_id: 'e', name: 'n', collection: { account: true, pos: false } });
  });
});
