/**
 * One Retry-After rule for every status the SDK retries (README, "Retries and idempotency"): the
 * wait the server asks for is honoured up to 60 s, in seconds or as an HTTP date; a longer one is
 * not waited out, and the error is thrown at once.
 */
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { KlerAPIError, KlerRateLimitError } from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { makeClient, okJson, respondWith } from '../helpers.js';

const httpDate = (msFromNow: number) => new Date(Date.now() + msFromNow).toUTCString();

describe.each([429, 503, 500])('a GET answered %i with Retry-After', (code) => {
  const answer = (retryAfter: string) => () =>
    HttpResponse.json({ message: `status ${code}` }, { status: code, headers: { 'retry-after': retryAfter } });

  async function timed(first: () => Response) {
    const times: number[] = [];
    const seen = respondWith(
      () => (times.push(Date.now()), first()),
      () => (times.push(Date.now()), okJson(docs.sessionQuickstart)()),
    );
    const result = await makeClient({ maxRetries: 1 }).sessions.retrieve('s').catch((e: unknown) => e);
    return { result, seen, waited: (times[1] ?? Number.NaN) - (times[0] ?? Number.NaN) };
  }

  it('of 2 seconds waits that long, then retries', async () => {
    const { result, seen, waited } = await timed(answer('2'));
    expect(result).toMatchObject({ session_id: 'sess_01HZX' });
    expect(seen).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(1_900);
  });

  it('as an HTTP date 3 seconds ahead waits until then, then retries', async () => {
    const { result, seen, waited } = await timed(answer(httpDate(3_000)));
    expect(result).toMatchObject({ session_id: 'sess_01HZX' });
    expect(seen).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(1_900); // HTTP dates have whole seconds
  });

  it.each([
    ['120 seconds', () => '120', 120_000],
    ['an HTTP date an hour ahead', () => httpDate(3_600_000), 3_600_000],
  ])('of %s is not waited out: the error comes at once, with the wait', async (_, valueNow, wait) => {
    const value = valueNow();
    const started = Date.now();
    const { result, seen } = await timed(answer(value));
    expect(KlerAPIError.is(result)).toBe(true);
    expect((result as KlerAPIError).status).toBe(code);
    expect(seen).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_500);
    const header = (result as KlerAPIError).headers.get('retry-after');
    expect(header).toBe(value);
    if (code === 429) {
      expect((result as KlerRateLimitError).retryAfter).toBeGreaterThan(wait - 5_000);
      expect((result as KlerRateLimitError).retryAfter).toBeLessThanOrEqual(wait);
    }
  });
});
