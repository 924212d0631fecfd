import { Buffer } from 'node:buffer';
import { createHmac, createSecretKey, hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/webhooks/index.js';
import { MAX_MESSAGE_BOUND, OneShotHmac, type BufferHost, type HashHost } from '../../src/webhooks/one-shot-hmac.js';

/** node:crypto, as `crypto.ts` hands it over. */
const node: HashHost = {
  hash: (algorithm, data, encoding) => hash(algorithm, data, encoding as 'hex'),
  createHmac: (algorithm, key) => createHmac(algorithm, key as Uint8Array),
};
const buffers: BufferHost = Buffer;
const oneShot = (host: HashHost, algorithm: 'sha256' | 'sha512', key: Uint8Array) => new OneShotHmac(host, buffers, algorithm, key);

const ascii = (text: string) => new TextEncoder().encode(text);
const reference = (algorithm: 'sha256' | 'sha512', key: Uint8Array, parts: (string | Uint8Array)[], encoding: 'hex' | 'base64') => {
  const hmac = createHmac(algorithm, key);
  for (const part of parts) hmac.update(part);
  return hmac.digest(encoding);
};

describe('OneShotHmac', () => {
  // RFC 4231 test cases 1, 2 and 6 (a key longer than the block is hashed first).
  it.each([
    ['sha256', new Uint8Array(20).fill(0x0b), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    ['sha256', ascii('Jefe'), 'what do ya want for nothing?', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    [
      'sha256',
      new Uint8Array(131).fill(0xaa),
      'Test Using Larger Than Block-Size Key - Hash Key First',
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      'sha512',
      new Uint8Array(20).fill(0x0b),
      'Hi There',
      '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    ],
    [
      'sha512',
      new Uint8Array(131).fill(0xaa),
      'Test Using Larger Than Block-Size Key - Hash Key First',
      '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
    ],
  ] as const)('gives the RFC 4231 %s HMAC for a %#', (algorithm, key, data, expected) => {
    expect(oneShot(node, algorithm, key).digest([data], 'hex')).toBe(expected);
  });

  it('equals createHmac for keys of every length around the block sizes and mixed text and byte parts', () => {
    const parts = ['msg_1.1754073120.', '{"narration":"Café ₦5,000 😀 \ud83d"}', new Uint8Array([0, 0x80, 0xff]), ''];
    for (const algorithm of ['sha256', 'sha512'] as const) {
      for (let length = 1; length <= 200; length++) {
        const key = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
        const hmac = oneShot(node, algorithm, key);
        for (const encoding of ['base64', 'hex'] as const) {
          expect(hmac.digest(parts, encoding)).toBe(reference(algorithm, key, parts, encoding));
        }
      }
    }
  });

  it('equals createHmac across messages up to its size limit, then leaves larger ones to createHmac', () => {
    const key = ascii('whsec-test-key');
    const hmac = oneShot(node, 'sha256', key);
    // Text counts 3 bytes per code unit (its most in UTF-8), bytes one each.
    const longest = Math.floor(MAX_MESSAGE_BOUND / 3) - 'id.'.length;
    for (const length of [0, 1, 63, 64, 65, 1000, 5000, longest]) {
      for (const body of ['é€'.repeat(length >> 1), '😀'.repeat(length >> 1), new Uint8Array(3 * length).fill(0xe9)]) {
        expect(hmac.digest(['id.', body], 'base64')).toBe(reference('sha256', key, ['id.', body], 'base64'));
      }
    }
    expect(hmac.digest(['x'.repeat(Math.floor(MAX_MESSAGE_BOUND / 3) + 1)], 'base64')).toBeUndefined();
    expect(hmac.digest([new Uint8Array(MAX_MESSAGE_BOUND + 1)], 'base64')).toBeUndefined();
  });

  it('leaves neither key material nor the body in the buffer it shares between keys', () => {
    const hashed: Uint8Array[] = [];
    const spy: HashHost = { ...node, hash: (algorithm, data, encoding) => (hashed.push(data), node.hash(algorithm, data, encoding)) };
    const key = new Uint8Array(32).fill(7);
    oneShot(spy, 'sha256', key).digest(['id.1.', '{}'], 'base64');
    const [inner] = hashed;
    // `hash()` saw a view of the shared buffer: after the call it reads all zeros.
    expect([...inner!]).toEqual(new Array(64 + 'id.1.{}'.length).fill(0));
  });

  it('agrees with createHmac on Node, and not when the runtime’s hash() differs or throws', () => {
    const key = ascii('k');
    expect(oneShot(node, 'sha256', key).agreesWith(createSecretKey(key))).toBe(true);
    const wrong: HashHost = { ...node, hash: (algorithm, data, encoding) => node.hash(algorithm, data.subarray(1), encoding) };
    expect(oneShot(wrong, 'sha256', key).agreesWith(createSecretKey(key))).toBe(false);
    const noLatin1: HashHost = {
      ...node,
      hash: (algorithm, data, encoding) => {
        if (encoding === 'latin1') throw new TypeError('unknown encoding');
        return node.hash(algorithm, data, encoding);
      },
    };
    expect(oneShot(noLatin1, 'sha256', key).agreesWith(createSecretKey(key))).toBe(false);
  });
});

describe('verifyWebhook on either side of the one-shot size limit', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const timestamp = Math.floor(Date.now() / 1000);

  // Signed here with createHmac, not signWebhook, which shares the verifier's HMAC code.
  it.each([100, MAX_MESSAGE_BOUND])('accepts a %i-character narration and refuses it altered', async (length) => {
    const body = JSON.stringify({ event: 'payout.settled', data: { narration: '₦'.repeat(length) } });
    const signature = reference('sha256', key, [`msg_1.${timestamp}.`, body], 'base64');
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
    await expect(verifyWebhook({ payload: body, headers, secret })).resolves.toMatchObject({ webhook_id: 'msg_1' });
    await expect(verifyWebhook({ payload: Buffer.from(body), headers, secret })).resolves.toMatchObject({ webhook_id: 'msg_1' });
    await expect(verifyWebhook({ payload: body.replace('₦', 'N'), headers, secret })).rejects.toMatchObject({ reason: 'no_matching_signature' });
  });
});
