/** verifyWebhookRequest, and the header shapes frameworks hand over. */
import { describe, expect, it } from 'vitest';
import { KlerConfigurationError } from '../../src/core/errors.js';
import { readHeaders } from '../../src/webhooks/headers.js';
import { signWebhook, verifyWebhookRequest } from '../../src/webhooks/index.js';
import { DOC_BODY, T, UNICODE_BODY, WHSEC } from './vectors.js';

const now = T * 1000;

async function signedRequest(body: string, init: { secret?: string; id?: string } = {}) {
  const headers = await signWebhook({ payload: body, secret: init.secret ?? WHSEC, id: init.id ?? 'msg_req', timestamp: T });
  return new Request('https://shop.example/webhooks/kler', {
    method: 'POST',
    body,
    headers: { ...headers, 'content-type': 'application/json' },
  });
}

describe('verifyWebhookRequest', () => {
  it('verifies a Fetch Request, reading its body as bytes', async () => {
    const event = await verifyWebhookRequest(await signedRequest(UNICODE_BODY), { secret: WHSEC, now });
    expect(event).toMatchObject({ event: 'transaction.received', session_id: 'sess_ẹ̀kó', webhook_id: 'msg_req' });
  });

  it('rejects a tampered body', async () => {
    const good = await signedRequest(DOC_BODY);
    const forged = new Request(good.url, { method: 'POST', body: DOC_BODY.replace('5000.00', '50000.00'), headers: good.headers });
    await expect(verifyWebhookRequest(forged, { secret: WHSEC, now })).rejects.toMatchObject({ reason: 'no_matching_signature' });
  });

  it('explains a body that was already read', async () => {
    const request = await signedRequest(DOC_BODY);
    await request.json();
    await expect(verifyWebhookRequest(request, { secret: WHSEC, now })).rejects.toMatchObject({
      reason: 'payload_not_raw',
      message: expect.stringContaining('request.clone()'),
    });
  });

  it('explains a body whose stream a reader holds (bodyUsed is still false then)', async () => {
    const request = await signedRequest(DOC_BODY);
    request.body!.getReader();
    expect(request.bodyUsed).toBe(false);
    await expect(verifyWebhookRequest(request, { secret: WHSEC, now })).rejects.toMatchObject({
      reason: 'payload_not_raw',
      message: expect.stringContaining('request.clone()'),
    });
  });

  it('works on a clone, leaving the original readable', async () => {
    const request = await signedRequest(DOC_BODY);
    await verifyWebhookRequest(request.clone(), { secret: WHSEC, now });
    expect(await request.text()).toBe(DOC_BODY);
  });

  it('leaves the body unread when the configuration is wrong', async () => {
    const request = await signedRequest(DOC_BODY);
    await expect(verifyWebhookRequest(request, { secret: '' })).rejects.toBeInstanceOf(KlerConfigurationError);
    expect(request.bodyUsed).toBe(false);
  });

  it('points Node-style requests to verifyWebhook', async () => {
    const nodeReq = { headers: {}, body: {} };
    await expect(verifyWebhookRequest(nodeReq as never, { secret: WHSEC })).rejects.toMatchObject({
      reason: 'payload_not_raw',
      message: expect.stringContaining('verifyWebhook({ payload, headers: req.headers, secret })'),
    });
  });
});

describe('header shapes', () => {
  it('reads Fetch Headers case-insensitively', () => {
    const headers = readHeaders(new Headers({ 'Webhook-Id': 'a' }));
    expect(headers.all('webhook-id')).toEqual(['a']);
    expect(headers.names()).toEqual(['webhook-id']);
  });

  it("reads Node's IncomingHttpHeaders, arrays included", () => {
    const headers = readHeaders({ 'webhook-signature': ['v1,a', 'v1,b'], 'content-length': '10', host: undefined });
    expect(headers.all('webhook-signature')).toEqual(['v1,a', 'v1,b']);
    expect(headers.all('host')).toEqual([]);
  });

  it('reads plain objects in any case, merging keys that differ only in case', () => {
    const headers = readHeaders({ 'WEBHOOK-ID': ' a ', 'Webhook-Id': 'b' });
    expect(headers.all('webhook-id')).toEqual(['a', 'b']);
  });

  it('reads anything else as no headers', () => {
    for (const value of [undefined, null, 'webhook-id: a', 42]) expect(readHeaders(value).all('webhook-id')).toEqual([]);
  });
});
