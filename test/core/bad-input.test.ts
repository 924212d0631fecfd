/**
 * Only Kler errors, with clear words, for bad input at public functions: unencodable ids and
 * params, bad `options`, credentials in `baseUrl`, an abort before sending, webhook bodies that
 * break off, start with a BOM or nest too deep.
 */
import { describe, expect, it } from 'vitest';
import { KlerClient } from '../../src/client.js';
import {
  KlerAbortError,
  KlerConfigurationError,
  KlerInvalidParamsError,
  KlerWebhookVerificationError,
} from '../../src/core/errors.js';
import { signWebhook, verifyWebhook, verifyWebhookRequest } from '../../src/webhooks/index.js';
import { API_KEY, okJson, respondWith } from '../helpers.js';
import { BASE_URL } from '../msw-server.js';
import { sessionParams } from '../testing/doors.js';
import { DOC_BODY, T, WHSEC } from '../webhooks/vectors.js';

const kler = new KlerClient({ apiKey: API_KEY, baseUrl: BASE_URL, maxRetries: 0 });
const LONE = 'txn_\uD83D'; // the first half of an emoji, cut off

async function rejection(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('ids and params with a lone surrogate', () => {
  const calls: [string, () => unknown][] = [
    ['sessions.retrieve', () => kler.sessions.retrieve(LONE)],
    ['sessions.close', () => kler.sessions.close(LONE)],
    ['transactions.retrieve', () => kler.transactions.retrieve(LONE)],
    ['transactions.list', () => kler.transactions.list({ session_id: LONE })],
    ['reconciliation.retrieve', () => kler.reconciliation.retrieve(LONE)],
    ['settlement.retrieve', () => kler.settlement.retrieve(LONE)],
    ['operators.list', () => kler.operators.list(LONE)],
    ['operators.listTransactions', () => kler.operators.listTransactions('sess_1', LONE)],
    [
      'webhooks.confirm',
      () =>
        kler.webhooks.confirm({
          event: 'transaction.received',
          session_id: 'sess_1',
          data: { id: LONE, amount: '5000.00', status: 'successful' },
        } as never),
    ],
  ];
  for (const [name, call] of calls) {
    it(`${name} rejects with KlerInvalidParamsError, not a URIError, and sends nothing`, async () => {
      const seen = respondWith(okJson({}));
      const error = await rejection(call);
      expect(KlerInvalidParamsError.is(error)).toBe(true);
      expect((error as Error).message).toMatch(/lone UTF-16 surrogate/);
      expect(seen).toHaveLength(0);
    });
  }

  it('sessions.create rejects a lone surrogate in the body instead of sending U+FFFD', async () => {
    const seen = respondWith(okJson({}));
    const error = await rejection(() =>
      kler.sessions.create(sessionParams(1, { name: `Festival ${'\uDC00'}` })),
    );
    expect(KlerInvalidParamsError.is(error)).toBe(true);
    expect((error as KlerInvalidParamsError).field).toBe('name');
    expect(seen).toHaveLength(0);
  });
});

describe('options that are not options', () => {
  it('new KlerClient(null) and a non-object throw KlerConfigurationError', () => {
    for (const bad of [null, 'sk_live', 42]) {
      expect(() => new KlerClient(bad as never)).toThrow(KlerConfigurationError);
      expect(() => new KlerClient(bad as never)).toThrow(/options must be an object/);
    }
  });

  it('a negative or non-finite timeout or maxRetries names the option, on the client and per call', async () => {
    for (const timeout of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new KlerClient({ apiKey: API_KEY, timeout })).toThrow(/timeout/);
      expect(KlerConfigurationError.is(await rejection(() => kler.sessions.retrieve('s', { timeout })))).toBe(true);
    }
    for (const maxRetries of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1.5]) {
      expect(() => new KlerClient({ apiKey: API_KEY, maxRetries })).toThrow(/maxRetries/);
      const error = await rejection(() => kler.sessions.retrieve('s', { maxRetries }));
      expect((error as Error).message).toMatch(/maxRetries/);
    }
  });

  it('per-call options of null, a string or a number throw KlerConfigurationError before sending', async () => {
    const seen = respondWith(okJson({}));
    for (const bad of [null, 'fast', 5]) {
      const error = await rejection(() => kler.sessions.retrieve('sess_1', bad as never));
      expect(KlerConfigurationError.is(error)).toBe(true);
      expect((error as Error).message).toMatch(/options must be an object/);
    }
    expect(seen).toHaveLength(0);
  });

  it('a header value that cannot be sent is named, without quoting the value', async () => {
    const error = await rejection(() => kler.sessions.retrieve('sess_1', { headers: { 'x-trace': `${API_KEY}\nInjected: 1` } }));
    expect(KlerConfigurationError.is(error)).toBe(true);
    expect((error as Error).message).toContain('x-trace');
    expect((error as Error).message).not.toContain(API_KEY);
  });
});

describe('baseUrl with credentials', () => {
  it('is refused with an explanation that does not repeat them', () => {
    const error = (() => {
      try {
        new KlerClient({ apiKey: API_KEY, baseUrl: 'https://admin:hunter2pass@api.kler.africa/v1' });
      } catch (e) {
        return e;
      }
    })();
    expect(KlerConfigurationError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/user name or password/);
    expect((error as Error).message).not.toContain('hunter2pass');
  });
});

describe('an abort before the request was sent', () => {
  it('says Kler did not process it', async () => {
    const seen = respondWith(okJson({}));
    const error = await rejection(() => kler.sessions.close('sess_1', { signal: AbortSignal.abort() }));
    expect(KlerAbortError.is(error)).toBe(true);
    expect((error as KlerAbortError).mayHaveBeenProcessed).toBe(false);
    expect(seen).toHaveLength(0);
  });
});

describe('webhook bodies', () => {
  it('verifyWebhookRequest turns a body stream that errors mid-read into a verification error', async () => {
    const headers = await signWebhook({ payload: DOC_BODY, secret: WHSEC, id: 'msg_1', timestamp: T });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(DOC_BODY.slice(0, 10)));
        controller.error(new Error('socket hang up'));
      },
    });
    const request = new Request('https://shop.example/hook', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
    const error = await rejection(() => verifyWebhookRequest(request, { secret: WHSEC, now: T * 1000 }));
    expect(KlerWebhookVerificationError.is(error)).toBe(true);
    expect((error as KlerWebhookVerificationError).reason).toBe('invalid_payload');
  });

  it('accepts a UTF-8 BOM before the JSON, the signature covering the raw bytes', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(DOC_BODY)]);
    const headers = await signWebhook({ payload: bytes, secret: WHSEC, id: 'msg_bom', timestamp: T });
    const event = await verifyWebhook({ payload: bytes, headers, secret: WHSEC, now: T * 1000 });
    expect(event.webhook_id).toBe('msg_bom');
  });

  it('refuses JSON nested thousands of levels deep as invalid_payload, not a RangeError', async () => {
    const body = `{"event":"transaction.received","session_id":"s","data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const headers = await signWebhook({ payload: body, secret: WHSEC, id: 'msg_deep', timestamp: T });
    const error = await rejection(() => verifyWebhook({ payload: body, headers, secret: WHSEC, now: T * 1000 }));
    expect(KlerWebhookVerificationError.is(error)).toBe(true);
    expect((error as KlerWebhookVerificationError).reason).toBe('invalid_payload');
  });
});
