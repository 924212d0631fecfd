import { delay, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KlerClient, KlerConfigurationError, KlerResponseValidationError, type KlerLogger } from '../../src/index.js';
import { reconciliation, sessionApiReference as session, transaction } from '../fixtures/documented.js';
import { API_KEY, json, makeClient, okJson, respondWith } from '../helpers.js';
import { startLoopback } from '../loopback.js';

const WEBHOOK_SECRET = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0cw==';

/** A logger that keeps every line with its level. */
function recorder(): { logger: KlerLogger; lines: { level: string; line: string }[]; text: () => string } {
  const lines: { level: string; line: string }[] = [];
  const at = (level: string) => (line: string) => void lines.push({ level, line });
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    lines,
    text: () => lines.map((l) => l.line).join('\n'),
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe("logLevel 'debug' writes one line per attempt", () => {
  it('with method, path template, id, status, attempt, duration and request id; a retry says why and how long it waits', async () => {
    const log = recorder();
    respondWith(
      json({ message: 'down' }, { status: 503, headers: { 'retry-after': '0', 'x-request-id': 'req_first' } }),
      okJson(transaction, 200),
    );
    await makeClient({ logger: log.logger, logLevel: 'debug' }).transactions.retrieve('txn_1');
    expect(log.lines).toHaveLength(2);
    expect(log.lines[0]?.level).toBe('info');
    expect(log.lines[0]?.line).toMatch(
      /^\[kler\] GET \/v1\/transactions\/\{transaction_id\} transaction_id=txn_1 -> 503 attempt 1 \d+ms request_id=req_first, retrying in 0ms \(status 503\)$/,
    );
    expect(log.lines[1]).toEqual({
      level: 'debug',
      line: expect.stringMatching(/^\[kler\] GET \/v1\/transactions\/\{transaction_id\} transaction_id=txn_1 -> 200 attempt 2 \d+ms$/),
    });
  });

  it('a page of a list names its query', async () => {
    const log = recorder();
    respondWith(okJson([transaction]));
    await makeClient({ logger: log.logger, logLevel: 'debug' }).transactions.list({ session_id: 'sess_9', limit: 10 });
    expect(log.lines[0]?.line).toMatch(/^\[kler\] GET \/v1\/transactions session_id=sess_9 limit=10 offset=0 -> 200 attempt 1 \d+ms$/);
  });

  it('a timed-out attempt is named, then its retry with the backoff it waits', async () => {
    const log = recorder();
    let calls = 0;
    respondWith(async () => {
      if (++calls === 1) await delay(2_000);
      return okJson(session)();
    });
    await makeClient({ logger: log.logger, logLevel: 'debug', timeout: 100, maxRetries: 1 }).sessions.retrieve('sess_1');
    expect(log.lines.map((l) => l.level)).toEqual(['info', 'debug']);
    const waited = /-> KlerTimeoutError attempt 1 \d+ms, retrying in (\d+)ms \(timeout\)$/.exec(log.lines[0]?.line ?? '');
    expect(waited, log.text()).not.toBeNull();
    // The first retry's backoff: 500 ms less up to a quarter of jitter.
    expect(Number(waited?.[1])).toBeGreaterThanOrEqual(375);
    expect(Number(waited?.[1])).toBeLessThanOrEqual(500);
    expect(log.lines[1]?.line).toContain('-> 200 attempt 2');
  });

  it('a failed call ends with a line naming the error it rejects with', async () => {
    const log = recorder();
    respondWith(json({ message: 'no such session' }, { status: 404 }));
    await makeClient({ logger: log.logger, logLevel: 'debug' }).sessions.retrieve('sess_1').catch(() => undefined);
    expect(log.lines.map((l) => l.line)).toEqual([
      expect.stringMatching(/sessions\/\{session_id\} session_id=sess_1 -> 404 attempt 1 \d+ms$/),
      '[kler] GET /v1/sessions/{session_id} session_id=sess_1 failed: KlerNotFoundError',
    ]);
  });
});

describe('the other levels', () => {
  it("'warn' (the default) is silent on success and warns when an answer fails validation, without the body's values", async () => {
    vi.stubEnv('KLER_LOG', ''); // unset
    const log = recorder();
    respondWith(okJson(session));
    await makeClient({ logger: log.logger }).sessions.retrieve('sess_1');
    expect(log.lines).toEqual([]);

    respondWith(okJson({ ...session, status: 42, name: 'BODY_VALUE_MARKER' }));
    const error = await makeClient({ logger: log.logger }).sessions.retrieve('sess_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerResponseValidationError);
    expect(log.lines).toEqual([
      {
        level: 'warn',
        line: expect.stringMatching(/^\[kler\] sessions\.retrieve: Kler answered GET \/v1\/sessions\/sess_1 with 200, but .* \(1 issues, at status\)$/),
      },
    ]);
    expect(log.text()).not.toContain('BODY_VALUE_MARKER');
  });

  it("'info' shows retries but not every attempt", async () => {
    const log = recorder();
    respondWith(json({}, { status: 503, headers: { 'retry-after': '0' } }), okJson(session));
    await makeClient({ logger: log.logger, logLevel: 'info' }).sessions.retrieve('sess_1');
    expect(log.lines).toEqual([{ level: 'info', line: expect.stringContaining('-> 503 attempt 1') }]);
  });

  it("'off' writes nothing, not even a validation warning", async () => {
    const log = recorder();
    respondWith(okJson({ nope: true }));
    await makeClient({ logger: log.logger, logLevel: 'off' }).sessions.retrieve('sess_1').catch(() => undefined);
    expect(log.lines).toEqual([]);
  });

  it('KLER_LOG sets the level when the option is absent; the option wins over it', async () => {
    vi.stubEnv('KLER_LOG', 'DEBUG');
    const log = recorder();
    respondWith(okJson(session));
    await makeClient({ logger: log.logger }).sessions.retrieve('sess_1');
    expect(log.lines.map((l) => l.level)).toEqual(['debug']);
    await makeClient({ logger: log.logger, logLevel: 'warn' }).sessions.retrieve('sess_1');
    expect(log.lines).toHaveLength(1);
  });

  it('logs to console by default', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    try {
      respondWith(okJson(session));
      await makeClient({ logLevel: 'debug' }).sessions.retrieve('sess_1');
      expect(debug).toHaveBeenCalledWith(expect.stringContaining('GET /v1/sessions/{session_id} session_id=sess_1 -> 200'));
    } finally {
      debug.mockRestore();
    }
  });
});

describe('a bad logging option fails at construction, naming it', () => {
  it('an unknown logLevel', () => {
    const make = () => makeClient({ logLevel: 'verbose' as never });
    expect(make).toThrow(KlerConfigurationError);
    expect(make).toThrow(`logLevel must be one of 'off', 'error', 'warn', 'info', 'debug', got "verbose".`);
  });

  it('an unknown KLER_LOG', () => {
    vi.stubEnv('KLER_LOG', 'loud');
    expect(() => makeClient()).toThrow(`The KLER_LOG environment variable must be one of 'off', 'error', 'warn', 'info', 'debug', got "loud".`);
  });

  it('a logger without the four methods', () => {
    expect(() => makeClient({ logger: { log: console.log } as never })).toThrow(
      'logger must have error, warn, info and debug methods; it has no error, warn, info, debug.',
    );
  });
});

describe('no log line ever contains the API key or a webhook secret', () => {
  const echo = { 'x-request-id': API_KEY, 'x-echo-api-key': API_KEY, location: `https://evil.example/${API_KEY}` };
  it.each([
    ['an error body and headers echoing the key', () => respondWith(json({ message: `bad key ${API_KEY}`, [API_KEY]: API_KEY }, { status: 400, headers: echo }))],
    ['a redirect to a URL holding the key', () => respondWith(() => new HttpResponse(null, { status: 302, headers: echo }))],
    ['a retried 503 echoing the key, then a 2xx echoing it', () =>
      respondWith(json({ message: API_KEY }, { status: 503, headers: { ...echo, 'retry-after': '0' } }), json({ success: true, data: session }, { headers: echo }))],
    ['a 2xx whose body breaks the schema with the key as a record key', () =>
      respondWith(json({ success: true, data: { ...reconciliation, by_channel: { [API_KEY]: { count: -1, total: API_KEY } } } }, { headers: echo }))],
    ['a 2xx that is not JSON', () => respondWith(() => new HttpResponse(`x-api-key=${API_KEY}`, { status: 200, headers: echo }))],
    ['a status text echoing the key', () => respondWith(() => new HttpResponse('down', { status: 500, statusText: `Bad key ${API_KEY}`, headers: echo }))],
    ['a dropped connection', () => respondWith(() => HttpResponse.error())],
  ])('%s', async (_, arrange) => {
    arrange();
    const log = recorder();
    const kler = makeClient({ logger: log.logger, logLevel: 'debug', webhookSecret: WEBHOOK_SECRET, maxRetries: 1 });
    await kler.reconciliation.retrieve('sess_1').catch(() => undefined);
    await kler.sessions.retrieve(API_KEY).catch(() => undefined); // the key pasted where an id goes
    expect(log.lines.length).toBeGreaterThan(1);
    expect(log.text()).not.toContain(API_KEY);
    expect(log.text()).not.toContain(WEBHOOK_SECRET);
  });

  it('a timeout on a real server, and a webhook secret passed as an id', async () => {
    const server = await startLoopback(() => undefined);
    closers.push(server.close);
    const log = recorder();
    const kler = new KlerClient({ apiKey: API_KEY, baseUrl: server.url, timeout: 50, maxRetries: 0, logger: log.logger, logLevel: 'debug', webhookSecret: [WEBHOOK_SECRET] });
    await kler.transactions.retrieve(WEBHOOK_SECRET).catch(() => undefined);
    expect(log.text()).toContain('KlerTimeoutError');
    expect(log.text()).not.toContain(WEBHOOK_SECRET);
    expect(log.text()).not.toContain(API_KEY);
  });
});

