/**
 * The reference implementation as oracle: deliveries signed by the `standardwebhooks` package
 * verify with the SDK, and the SDK's signatures verify with the package.
 */
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { KlerWebhookVerificationError } from '../../src/core/errors.js';
import { signWebhook, verifyWebhook } from '../../src/webhooks/index.js';
import { toBase64 } from '../../src/webhooks/encoding.js';
import { DOC_BODY, PLAIN, WHSEC, WHSEC_2 } from './vectors.js';

function referenceHeaders(secret: string | Uint8Array, id: string, body: string, at = new Date()) {
  const wh = typeof secret === 'string' ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': wh.sign(id, at, body),
  };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof KlerWebhookVerificationError) return error.reason;
    throw error;
  }
}

describe('a delivery signed by the standardwebhooks package', () => {
  it('verifies with the SDK', async () => {
    const headers = referenceHeaders(WHSEC, 'msg_ref_1', DOC_BODY);
    const event = await verifyWebhook({ payload: DOC_BODY, headers, secret: WHSEC });
    expect(event).toMatchObject({ event: 'transaction.received', webhook_id: 'msg_ref_1', data: { id: 'txn_01' } });
  });

  it('verifies with a plain secret used as raw bytes', async () => {
    const headers = referenceHeaders(new TextEncoder().encode(PLAIN), 'msg_ref_2', DOC_BODY);
    await expect(verifyWebhook({ payload: DOC_BODY, headers, secret: PLAIN })).resolves.toBeDefined();
  });

  it('fails with the right reason when one byte changes, the timestamp is stale or future, the secret is wrong, or a header is missing', async () => {
    const headers = referenceHeaders(WHSEC, 'msg_ref_3', DOC_BODY);
    const tampered = DOC_BODY.replace('"5000.00"', '"9000.00"');
    expect(await reasonOf(verifyWebhook({ payload: tampered, headers, secret: WHSEC }))).toBe('no_matching_signature');

    const stale = referenceHeaders(WHSEC, 'msg_ref_4', DOC_BODY, new Date(Date.now() - 10 * 60_000));
    expect(await reasonOf(verifyWebhook({ payload: DOC_BODY, headers: stale, secret: WHSEC }))).toBe('timestamp_too_old');

    const future = referenceHeaders(WHSEC, 'msg_ref_5', DOC_BODY, new Date(Date.now() + 10 * 60_000));
    expect(await reasonOf(verifyWebhook({ payload: DOC_BODY, headers: future, secret: WHSEC }))).toBe('timestamp_too_new');

    expect(await reasonOf(verifyWebhook({ payload: DOC_BODY, headers, secret: WHSEC_2 }))).toBe('no_matching_signature');

    const { 'webhook-signature': _dropped, ...unsigned } = headers;
    expect(await reasonOf(verifyWebhook({ payload: DOC_BODY, headers: unsigned, secret: WHSEC }))).toBe('missing_header');
  });
});

describe('a delivery signed by the SDK', () => {
  it('verifies with the standardwebhooks package', async () => {
    const headers = await signWebhook({ payload: DOC_BODY, secret: WHSEC, id: 'msg_sdk_1' });
    expect(new Webhook(WHSEC).verify(DOC_BODY, headers)).toMatchObject({ event: 'transaction.received' });
  });
});

const secretBytes = fc.uint8Array({ minLength: 1, maxLength: 64 });
const id = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme-ascii' }).filter((s) => s.trim() === s && !s.includes(','));
const body = fc.string({ maxLength: 400, unit: 'grapheme' });

describe('for random secrets, ids and bodies', () => {
  it('the package signs, the SDK accepts the signature', async () => {
    await fc.assert(
      fc.asyncProperty(secretBytes, id, body, async (bytes, msgId, payload) => {
        const secret = `whsec_${toBase64(bytes)}`;
        const headers = referenceHeaders(secret, msgId, payload);
        // Random bodies are rarely events: a verified non-event is `invalid_payload`, never a
        // signature failure.
        expect(['ok', 'invalid_payload']).toContain(await reasonOf(verifyWebhook({ payload, headers, secret })));
      }),
      { numRuns: 200 },
    );
  });

  it('the SDK signs, the package accepts the signature', async () => {
    await fc.assert(
      fc.asyncProperty(secretBytes, id, body, async (bytes, msgId, payload) => {
        const secret = `whsec_${toBase64(bytes)}`;
        const headers = await signWebhook({ payload, secret, id: msgId });
        expect(() => new Webhook(secret).verify(payload, headers, { jsonParse: false })).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
