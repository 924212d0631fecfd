import { afterAll, describe, expect, it } from 'vitest';
import { KlerWebhookVerificationError } from '../../src/core/errors.js';
import { useWebCryptoOnly } from '../../src/webhooks/crypto.js';
import { verifyWebhook, type VerifyWebhookOptions } from '../../src/webhooks/index.js';
import { T, VECTORS, type Vector } from './vectors.js';

async function outcome(vector: Vector, payload: VerifyWebhookOptions['payload'], headers: VerifyWebhookOptions['headers']) {
  try {
    const event = await verifyWebhook({
      payload,
      headers,
      secret: vector.secret,
      now: (T + (vector.at ?? 0)) * 1000,
      ...(vector.toleranceSeconds === undefined ? {} : { toleranceSeconds: vector.toleranceSeconds }),
    });
    return { result: 'ok' as const, event };
  } catch (error) {
    if (!(error instanceof KlerWebhookVerificationError)) throw error;
    return { result: error.reason, error };
  }
}

function asFetchHeaders(headers: Vector['headers']): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    for (const v of [value].flat()) out.append(name, v);
  }
  return out;
}

afterAll(() => useWebCryptoOnly(false));

describe.each([
  ['node:crypto', false],
  ['Web Crypto', true],
])('the Standard Webhooks vector table (%s)', (_backend, webOnly) => {
  it.each(VECTORS)('$name → $expect', async (vector) => {
    useWebCryptoOnly(webOnly);
    const bytes = new TextEncoder().encode(vector.body);
    const forms: [VerifyWebhookOptions['payload'], VerifyWebhookOptions['headers'], string][] = [
      [vector.body, vector.headers, vector.expect],
      [bytes, vector.headers, vector.expect],
      [bytes.buffer, asFetchHeaders(vector.headers), vector.expectJoined ?? vector.expect],
    ];
    for (const [payload, headers, expected] of forms) {
      const { result } = await outcome(vector, payload, headers);
      expect(result).toBe(expected);
    }
  });
});

describe('a verified vector', () => {
  it('keeps the wire shape and adds the delivery id and timestamp', async () => {
    const vector = VECTORS[0]!;
    const { event } = await outcome(vector, vector.body, vector.headers);
    expect(event).toMatchObject({
      event: 'transaction.received',
      session_id: 'sess_01HZX',
      data: { id: 'txn_01', amount: '5000.00', providus_ref: 'PVS20250801XXXXXXX' },
      webhook_id: 'msg_2vR8Zx',
      timestamp: T,
    });
  });

  it('accepts a Date as `now`', async () => {
    const vector = VECTORS[0]!;
    await expect(
      verifyWebhook({ payload: vector.body, headers: vector.headers, secret: vector.secret, now: new Date(T * 1000) }),
    ).resolves.toMatchObject({ webhook_id: 'msg_2vR8Zx' });
  });
});
