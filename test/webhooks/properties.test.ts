/**
 * Whatever arrives over the network, verification either resolves to an event or rejects with a
 * KlerWebhookVerificationError: never a TypeError, a RangeError or a zod error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KlerWebhookVerificationError } from '../../src/core/errors.js';
import { useWebCryptoOnly } from '../../src/webhooks/crypto.js';
import { signWebhook, verifyWebhook, verifyWebhookRequest } from '../../src/webhooks/index.js';
import { DOC_BODY, SIG, T, WHSEC } from './vectors.js';

async function onlyVerificationErrors(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof KlerWebhookVerificationError)) throw error;
  }
}

const headerName = fc.oneof(
  fc.constantFrom('webhook-id', 'webhook-timestamp', 'webhook-signature', 'Webhook-Signature', 'WEBHOOK-ID', 'x-signature'),
  fc.string({ maxLength: 20 }),
);
const signatureLike = fc.oneof(
  fc.constant(SIG.docWhsec),
  fc.string().map((s) => `v1,${s}`),
  fc.tuple(fc.constantFrom('v1', 'v2', 'v1a', ''), fc.base64String()).map(([v, s]) => `${v},${s}`),
  fc.array(fc.constantFrom(SIG.docWhsec, 'v1,', ',', ' ', 'v1,AAAA', '\t'), { maxLength: 6 }).map((a) => a.join(' ')),
);
const headerValue = fc.oneof(
  fc.string(),
  signatureLike,
  fc.constantFrom(String(T), '', ' ', '-1', '1e9', '0x10', '99999999999999999999', 'NaN'),
  fc.array(fc.oneof(fc.string(), signatureLike), { maxLength: 3 }),
  fc.integer(),
  fc.constantFrom(null, undefined),
);
const headers = fc.dictionary(headerName, headerValue, { maxKeys: 6 });
const payload = fc.oneof(
  fc.string(),
  fc.constant(DOC_BODY),
  fc.uint8Array({ maxLength: 200 }),
  fc.json(),
  fc.anything(),
);

describe('random deliveries', () => {
  it('never throw anything but KlerWebhookVerificationError (node:crypto)', async () => {
    await fc.assert(
      fc.asyncProperty(payload, headers, async (p, h) => {
        await onlyVerificationErrors(() =>
          verifyWebhook({ payload: p as string, headers: h as Record<string, string>, secret: WHSEC, now: T * 1000 }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('never throw anything but KlerWebhookVerificationError (Web Crypto)', async () => {
    useWebCryptoOnly(true);
    try {
      await fc.assert(
        fc.asyncProperty(payload, headers, async (p, h) => {
          await onlyVerificationErrors(() =>
            verifyWebhook({ payload: p as string, headers: h as Record<string, string>, secret: WHSEC, now: T * 1000 }),
          );
        }),
        { numRuns: 200 },
      );
    } finally {
      useWebCryptoOnly(false);
    }
  });

  it('validly signed random JSON resolves or fails only as invalid_payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), async (json) => {
        const headers = await signWebhook({ payload: json, secret: WHSEC, timestamp: T });
        try {
          await verifyWebhook({ payload: json, headers, secret: WHSEC, now: T * 1000 });
        } catch (error) {
          expect(error).toBeInstanceOf(KlerWebhookVerificationError);
          expect((error as KlerWebhookVerificationError).reason).toBe('invalid_payload');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('signed event bodies with random `event` and `data` never crash, and unknown types verify', async () => {
    const eventBody = fc.record({
      event: fc.oneof(fc.string(), fc.constant('transaction.received'), fc.constant('session.closed')),
      session_id: fc.oneof(fc.string(), fc.anything()),
      data: fc.anything(),
    });
    await fc.assert(
      fc.asyncProperty(eventBody, async (body) => {
        const json = JSON.stringify(body);
        const headers = await signWebhook({ payload: json, secret: WHSEC, timestamp: T });
        try {
          const event = await verifyWebhook({ payload: json, headers, secret: WHSEC, now: T * 1000 });
          expect(event.event).toBe(body.event);
        } catch (error) {
          expect((error as KlerWebhookVerificationError).reason).toBe('invalid_payload');
          // Only a known event type with a malformed body, or no usable `event`, may fail.
          expect(body.event === 'transaction.received' || body.event === '').toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random Requests never throw anything but KlerWebhookVerificationError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.dictionary(fc.constantFrom('webhook-id', 'webhook-timestamp', 'webhook-signature'), signatureLike), async (body, h) => {
        const request = new Request('https://example.test/webhooks', { method: 'POST', body, headers: h });
        await onlyVerificationErrors(() => verifyWebhookRequest(request, { secret: WHSEC, now: T * 1000 }));
      }),
      { numRuns: 200 },
    );
  });
});
