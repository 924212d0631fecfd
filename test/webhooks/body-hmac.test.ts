/** The alternative scheme: an HMAC of the raw body alone, in a configurable header. */
import { afterEach, describe, expect, it } from 'vitest';
import { KlerConfigurationError } from '../../src/core/errors.js';
import { useWebCryptoOnly } from '../../src/webhooks/crypto.js';
import { signWebhook, verifyWebhook, type BodyHmacScheme } from '../../src/webhooks/index.js';
import { BODY_HMAC, DOC_BODY, PLAIN, T, WHSEC } from './vectors.js';

const now = T * 1000;

afterEach(() => useWebCryptoOnly(false));

describe.each([
  ['node:crypto', false],
  ['Web Crypto', true],
])('the body-hmac scheme (%s)', (_backend, webOnly) => {
  const cases: [string, BodyHmacScheme, string][] = [
    ['HMAC-SHA512 hex, like Providus', { type: 'body-hmac', header: 'x-auth-signature', algorithm: 'sha512' }, BODY_HMAC.sha512Hex],
    ['HMAC-SHA512 upper-case hex', { type: 'body-hmac', header: 'x-auth-signature', algorithm: 'sha512' }, BODY_HMAC.sha512Hex.toUpperCase()],
    ['HMAC-SHA256 base64', { type: 'body-hmac', header: 'X-Signature', encoding: 'base64' }, BODY_HMAC.sha256Base64],
    ['HMAC-SHA256 hex with a prefix', { type: 'body-hmac', header: 'x-hub-signature-256', prefix: 'sha256=' }, `sha256=${BODY_HMAC.sha256Hex}`],
  ];

  it.each(cases)('verifies a fixed vector: %s', async (_name, scheme, signature) => {
    useWebCryptoOnly(webOnly);
    const event = await verifyWebhook({ payload: DOC_BODY, headers: { [scheme.header]: signature }, secret: PLAIN, scheme, now });
    expect(event).toMatchObject({ event: 'transaction.received', data: { id: 'txn_01' } });
    // No id or time is signed: the id comes from the verified HMAC, the time is "now".
    expect(event.webhook_id).toMatch(/^hmac_[0-9a-f]{32}$/);
    expect(event.timestamp).toBe(T);
  });

  it.each(cases)('rejects a changed body: %s', async (_name, scheme, signature) => {
    useWebCryptoOnly(webOnly);
    const payload = DOC_BODY.replace('Jane', 'John');
    await expect(
      verifyWebhook({ payload, headers: { [scheme.header]: signature }, secret: PLAIN, scheme, now }),
    ).rejects.toMatchObject({ reason: 'no_matching_signature' });
  });
});

describe('the body-hmac scheme', () => {
  const scheme: BodyHmacScheme = { type: 'body-hmac', header: 'x-kler-signature', algorithm: 'sha512' };

  it('round-trips with signWebhook, and gives retries of one body the same webhook_id', async () => {
    const headers = await signWebhook({ payload: DOC_BODY, secret: WHSEC, scheme });
    expect(Object.keys(headers)).toEqual(['x-kler-signature']);
    const first = await verifyWebhook({ payload: DOC_BODY, headers, secret: WHSEC, scheme });
    const retry = await verifyWebhook({ payload: DOC_BODY, headers, secret: WHSEC, scheme });
    expect(retry.webhook_id).toBe(first.webhook_id);
  });

  it('accepts any of several signatures and secrets', async () => {
    const headers = await signWebhook({ payload: DOC_BODY, secret: [WHSEC, PLAIN], scheme });
    expect(headers['x-kler-signature']).toContain(',');
    await expect(verifyWebhook({ payload: DOC_BODY, headers, secret: PLAIN, scheme })).resolves.toBeDefined();
    await expect(verifyWebhook({ payload: DOC_BODY, headers, secret: ['whsec_AAAA', WHSEC], scheme })).resolves.toBeDefined();
  });

  it('ignores the timestamp tolerance, having no signed time', async () => {
    const headers = await signWebhook({ payload: DOC_BODY, secret: WHSEC, scheme });
    await expect(verifyWebhook({ payload: DOC_BODY, headers, secret: WHSEC, scheme, toleranceSeconds: 0 })).resolves.toBeDefined();
  });

  it('fails with missing_header, and points at Standard Webhooks headers when present', async () => {
    const standard = await signWebhook({ payload: DOC_BODY, secret: WHSEC });
    await expect(verifyWebhook({ payload: DOC_BODY, headers: standard, secret: WHSEC, scheme })).rejects.toMatchObject({
      reason: 'missing_header',
      message: expect.stringContaining('drop the `scheme` option'),
    });
  });

  it('fails with invalid_header for a value that is not hex of the right shape', async () => {
    await expect(
      verifyWebhook({ payload: DOC_BODY, headers: { 'x-kler-signature': 'zz-not-hex' }, secret: WHSEC, scheme }),
    ).rejects.toMatchObject({ reason: 'invalid_header', message: expect.stringContaining('128 hex digits') });
  });

  it('rejects a scheme that could never verify', async () => {
    for (const bad of [
      { type: 'body-hmac', header: '' },
      { type: 'body-hmac', header: 'x-sig', algorithm: 'md5' },
      { type: 'body-hmac', header: 'x-sig', encoding: 'binary' },
      { type: 'hmac' },
    ]) {
      await expect(
        verifyWebhook({ payload: DOC_BODY, headers: { 'x-sig': 'aa' }, secret: WHSEC, scheme: bad as never }),
      ).rejects.toBeInstanceOf(KlerConfigurationError);
    }
  });
});
