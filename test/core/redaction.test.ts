import { inspect } from 'node:util';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { KlerClient, KlerResponseValidationError } from '../../src/index.js';
import { reconciliation } from '../fixtures/documented.js';
import { API_KEY, json, makeClient, respondWith } from '../helpers.js';
import { refusedUrl, startLoopback } from '../loopback.js';

const WEBHOOK_SECRET = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0cw==';

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(API_KEY);
  expect(text).not.toContain(WEBHOOK_SECRET);
}

function allRenderings(value: unknown): string[] {
  return [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: 10 }), inspect(value, { depth: 10, showHidden: true })];
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('the API key never appears in errors or in the client', () => {
  it('inspecting or serialising the client shows no secret', () => {
    const client = makeClient({ webhookSecret: WEBHOOK_SECRET });
    for (const text of allRenderings(client)) expectNoSecrets(text);
    expect(JSON.stringify(client)).toContain('[redacted]');
  });

  it.each([
    ['an API error', () => respondWith(json({ message: 'bad' }, { status: 400 }))],
    ['a server error after retries', () => respondWith(json({ message: 'down' }, { status: 503 }))],
    ['a schema failure', () => respondWith(json({ success: true, data: { nope: true } }))],
    ['a dropped connection', () => respondWith(() => HttpResponse.error())],
  ])('%s: String, JSON and util.inspect of the error are clean', async (_, arrange) => {
    arrange();
    const error = await makeClient({ maxRetries: 1 }).sessions.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    for (const text of allRenderings(error)) expectNoSecrets(text);
  });

  it.each([
    ['a JSON error body', () => respondWith(json({ message: `Invalid API key: ${API_KEY}`, echo: { [API_KEY]: API_KEY } }, { status: 401 }))],
    ['a text error body', () => respondWith(() => new HttpResponse(`denied for key ${API_KEY}`, { status: 403 }))],
    ['a 2xx body breaking the schema', () => respondWith(json({ success: true, data: { session_id: 1, key: API_KEY } }))],
    ['a 2xx body that is not JSON', () => respondWith(() => new HttpResponse(`debug: x-api-key=${API_KEY}`, { status: 200 }))],
  ])('%s that echoes the API key is shown with the key redacted', async (_, arrange) => {
    arrange();
    const error = await makeClient({ maxRetries: 0 }).sessions.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    for (const text of allRenderings(error)) expectNoSecrets(text);
    expect(inspect(error, { depth: 10 })).toContain('[redacted]');
  });

  it('a 2xx body with the key as a record key (a path of the issue) is shown with the key redacted', async () => {
    respondWith(json({ success: true, data: { ...reconciliation, by_channel: { [API_KEY]: { count: -1, total: '1.00' } } } }));
    const error = await makeClient({ maxRetries: 0 }).reconciliation.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerResponseValidationError);
    expect((error as KlerResponseValidationError).issues.map((issue) => issue.path.join('.'))).toContain('by_channel.[redacted].count');
    for (const text of allRenderings(error)) expectNoSecrets(text);
  });

  it('an API key no header can carry (a line break inside) is not quoted by the error', async () => {
    const kler = new KlerClient({ apiKey: `${API_KEY}\nsecond_line`, baseUrl: 'https://api.kler.test/v1', maxRetries: 0 });
    const error = await kler.sessions.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    for (const text of allRenderings(error)) expectNoSecrets(text);
  });

  it('a "key" under 8 characters (a test key such as `k`) is not scrubbed out of messages', async () => {
    respondWith(json({ message: 'Unknown session, check the link' }, { status: 404 }));
    const kler = new KlerClient({ apiKey: 'k', baseUrl: 'https://api.kler.test/v1', maxRetries: 0 });
    const error = await kler.sessions.retrieve('s').catch((e: unknown) => e);
    expect((error as Error).message).toContain('Unknown session, check the link');
  });

  it('a timeout error is clean', async () => {
    const server = await startLoopback(() => undefined);
    closers.push(server.close);
    const kler = new KlerClient({ apiKey: API_KEY, baseUrl: server.url, timeout: 50, maxRetries: 0 });
    const error = await kler.sessions.retrieve('s').catch((e: unknown) => e);
    for (const text of allRenderings(error)) expectNoSecrets(text);
  });

  it('a refused-connection error is clean', async () => {
    const kler = new KlerClient({ apiKey: API_KEY, baseUrl: await refusedUrl(), maxRetries: 0 });
    const error = await kler.sessions.retrieve('s').catch((e: unknown) => e);
    for (const text of allRenderings(error)) expectNoSecrets(text);
  });
});
