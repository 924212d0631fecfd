/** The failure messages tell the user what went wrong and how to fix it, and never leak a secret. */
import { describe, expect, it } from 'vitest';
import { KlerConfigurationError, KlerWebhookVerificationError } from '../../src/core/errors.js';
import { signWebhook, verifyWebhook, type VerifyWebhookOptions } from '../../src/webhooks/index.js';
import { DOC_BODY, PLAIN, SIG, T, WHSEC } from './vectors.js';

const headers = { 'webhook-id': 'msg_2vR8Zx', 'webhook-timestamp': String(T), 'webhook-signature': SIG.docWhsec };

async function failure(options: Partial<VerifyWebhookOptions>): Promise<KlerWebhookVerificationError | KlerConfigurationError> {
  const error = await verifyWebhook({ payload: DOC_BODY, headers, secret: WHSEC, now: T * 1000, ...options }).then(
    () => {
      throw new Error('expected verification to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toSatisfy((e) => e instanceof KlerWebhookVerificationError || e instanceof KlerConfigurationError);
  return error as KlerWebhookVerificationError;
}

describe('a parsed body instead of the raw one', () => {
  it('fails as payload_not_raw and says how to get the raw body in Express, Next.js, Hono and Fastify', async () => {
    const error = await failure({ payload: JSON.parse(DOC_BODY) as never });
    expect(error).toMatchObject({ reason: 'payload_not_raw', name: 'KlerWebhookVerificationError' });
    expect(error.message).toContain("express.raw({ type: 'application/json' })");
    expect(error.message).toContain('await request.text()');
    expect(error.message).toContain('await c.req.text()');
    expect(error.message).toContain("parseAs: 'string'");
    expect(error.message).toContain('rawBody');
  });

  it.each([undefined, null, 42, ['a']])('fails as payload_not_raw for %s', async (payload) => {
    expect(await failure({ payload: payload as never })).toMatchObject({ reason: 'payload_not_raw' });
  });

  it.each([
    ['a Blob', () => new Blob([DOC_BODY])],
    ['a ReadableStream', () => new Response(DOC_BODY).body],
  ])('names %s, an unread body, and says to read its bytes first', async (what, make) => {
    const error = await failure({ payload: make() as never });
    expect(error).toMatchObject({ reason: 'payload_not_raw' });
    expect(error.message).toContain(`but got ${what}`);
    expect(error.message).toContain('await body.arrayBuffer()');
  });

  it('accepts a Node Buffer, a DataView and a slice of a larger buffer', async () => {
    const bytes = new TextEncoder().encode(`xx${DOC_BODY}yy`);
    const slice = bytes.subarray(2, bytes.length - 2);
    for (const payload of [Buffer.from(DOC_BODY), new DataView(slice.buffer, slice.byteOffset, slice.byteLength), slice]) {
      await expect(verifyWebhook({ payload, headers, secret: WHSEC, now: T * 1000 })).resolves.toBeDefined();
    }
  });
});

describe('a secret that is probably wrong is called out, without being shown', () => {
  it.each([
    ['trailing newline', `${PLAIN}\n`, /trailing whitespace/],
    ['leading space', ` ${WHSEC}`, /leading or trailing whitespace/],
    ['whsec- instead of whsec_', WHSEC.replace('whsec_', 'whsec-'), /starts with "whsec", not "whsec_"/],
    ['whsec glued to the secret', WHSEC.replace('whsec_', 'whsec'), /starts with "whsec", not "whsec_"/],
    ['an API key', 'sk_live_51Habc', /looks like an API key/],
    ['the base64 part without its prefix', WHSEC.slice('whsec_'.length), /without the "whsec_" prefix/],
  ])('%s', async (_name, secret, hint) => {
    const error = await failure({ secret });
    expect(error).toMatchObject({ reason: 'no_matching_signature' });
    expect(error.message).toMatch(hint);
    expect(error.message).not.toContain(secret.trim());
    // Not even the character after a wrong prefix (it may be the secret's first).
    expect(error.message).not.toContain(`"${secret.slice(0, 6)}"`);
  });

  it('a whsec_ secret that is not base64 is a configuration error naming the whitespace', async () => {
    const error = await failure({ secret: `${WHSEC}\n` });
    expect(error).toBeInstanceOf(KlerConfigurationError);
    expect(error.message).toMatch(/whitespace/);
    expect(error.message).not.toContain(WHSEC);
  });

  it.each([undefined, '', [], [''], 42])('no usable secret (%s) is a configuration error', async (secret) => {
    expect(await failure({ secret: secret as never })).toBeInstanceOf(KlerConfigurationError);
  });

  it('with rotation, the hint names which secret', async () => {
    const error = await failure({ secret: ['whsec_dGhlIHJvdGF0ZWQgc2Vjb25kIHNlY3JldCE=', 'sk_test_1'] });
    expect(error.message).toMatch(/secret #2: .*API key/);
    expect(error.message).toMatch(/none of the 2 secrets/);
  });
});

describe('timestamp errors say how far off the clock is', () => {
  it('too old: by how much, against which tolerance, and what to check', async () => {
    const error = await failure({ now: (T + 412) * 1000 });
    expect(error).toMatchObject({ reason: 'timestamp_too_old' });
    expect(error.message).toContain('412 s (6 min 52 s) older');
    expect(error.message).toContain('tolerance of 300 s');
    expect(error.message).toContain('2025-08-01T18:32:00.000Z');
    expect(error.message).toMatch(/replay|clock/);
  });

  it('too new: by how much', async () => {
    const error = await failure({ now: (T - 2 * 3600 - 5 * 60) * 1000 });
    expect(error).toMatchObject({ reason: 'timestamp_too_new' });
    expect(error.message).toContain('7500 s (2 h 5 min) ahead');
  });

  it('a timestamp in milliseconds is pointed out', async () => {
    const error = await failure({ headers: { ...headers, 'webhook-timestamp': `${T}000` } });
    expect(error).toMatchObject({ reason: 'invalid_header' });
    expect(error.message).toMatch(/milliseconds/);
  });

  it('`now` given in seconds by mistake is a configuration error', async () => {
    const error = await failure({ now: T });
    expect(error).toBeInstanceOf(KlerConfigurationError);
    expect(error.message).toMatch(/looks like seconds/);
  });

  it.each([-1, Number.NaN, '300' as unknown as number])('toleranceSeconds %s is a configuration error', async (toleranceSeconds) => {
    expect(await failure({ toleranceSeconds })).toBeInstanceOf(KlerConfigurationError);
  });

  it('toleranceSeconds Infinity turns the check off explicitly', async () => {
    await expect(
      verifyWebhook({ payload: DOC_BODY, headers, secret: WHSEC, now: (T + 10 * 365 * 86_400) * 1000, toleranceSeconds: Infinity }),
    ).resolves.toBeDefined();
  });
});

describe('missing headers', () => {
  it('lists every missing header', async () => {
    const error = await failure({ headers: { 'content-type': 'application/json' } });
    expect(error).toMatchObject({ reason: 'missing_header' });
    expect(error.message).toContain('"webhook-id", "webhook-timestamp", "webhook-signature"');
    expect(error.message).toContain('parseWebhookEventUnverified');
  });

  it('points at a body-only signature header when there is one', async () => {
    const error = await failure({ headers: { 'X-Kler-Signature': 'abc' } });
    expect(error.message).toContain("scheme: { type: 'body-hmac', header: 'x-kler-signature' }");
  });

  it('says when no headers were passed at all', async () => {
    expect((await failure({ headers: undefined as never })).message).toMatch(/No headers were passed/);
  });
});

describe('messages and errors never contain the secret', () => {
  it('for any reason', async () => {
    const secret = 'my very secret plain webhook key';
    const signed = await signWebhook({ payload: DOC_BODY, secret, timestamp: T });
    const errors = await Promise.all(
      [
        { headers: signed, now: (T + 999) * 1000 },
        { headers: { ...signed, 'webhook-signature': SIG.docWhsec } },
        { headers: {} },
        { payload: {} as never },
      ].map((o) => failure({ secret, ...o })),
    );
    for (const error of errors) {
      expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(secret);
    }
  });
});
