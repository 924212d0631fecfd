/**
 * Fixed test vectors for the Standard Webhooks scheme. The signatures were computed once with
 * node:crypto directly (not with the SDK), so a change in the SDK's signing cannot go unnoticed.
 */
import type { KlerWebhookVerificationReason } from '../../src/core/errors.js';

export const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** A second `whsec_` secret, for rotation: base64 of "the rotated second secret!". */
export const WHSEC_2 = 'whsec_dGhlIHJvdGF0ZWQgc2Vjb25kIHNlY3JldCE=';
/** A secret without the prefix: used as its UTF-8 bytes. */
export const PLAIN = 'kler plain secret';

/** The signing time of every vector: 2025-08-01T18:32:00Z. */
export const T = 1754073120;

/** The documented `transaction.received` example (kler-api.md), serialised compactly. */
export const DOC_BODY =
  '{"event":"transaction.received","session_id":"sess_01HZX","data":{"id":"txn_01","amount":"5000.00","currency":"NGN","channel":"bank_transfer","status":"successful","sender_name":"Jane Doe","sender_account":"0123456789","sender_bank":"058","narration":"Ticket purchase","providus_ref":"PVS20250801XXXXXXX","paid_at":"2025-08-01T18:32:00.000Z"}}';
/** A POS transaction with non-ASCII text everywhere (no sender fields, no providus_ref). */
export const UNICODE_BODY =
  '{"event":"transaction.received","session_id":"sess_ẹ̀kó","data":{"id":"txn_ü","amount":"2500.50","currency":"NGN","channel":"pos","status":"successful","narration":"Ẹ kú àṣẹ 🎟️ — “VIP”","paid_at":"2025-08-01T18:32:00.000Z"}}';
export const UNKNOWN_BODY =
  '{"event":"session.closed","session_id":"sess_01HZX","data":{"closed_at":"2025-08-02T00:00:00.000Z"}}';

export const SIG = {
  docWhsec: 'v1,TQq13NzgUAhQZzntmZ1+vDdI2KleLA1Efy746PrW7vU=',
  docPlain: 'v1,oKwqwlInsWTpCLkXEwRofUOMPJeXsTJUmsa9Kxv6kWk=',
  docWhsec2: 'v1,HCE3/AlFHbKXZq7TdU/8OQijX8oMq5bKeCvocV2xISY=',
  unicodeWhsec: 'v1,qiQxxKgQYm2rqafAMl5h0gcsyxJMX8zvAVcSuO0qoko=',
  emptyWhsec: 'v1,vvNd4oA5VwZiMWu/vS1bZJmRj0Qb+ghmEHgGsLzpz+U=',
  unknownWhsec: 'v1,Vtc4b92bUvCCeVw0jBdX2xMRwWcaHNxXUUiluA3vM20=',
};

/** Body-HMAC vectors over DOC_BODY with PLAIN. */
export const BODY_HMAC = {
  sha512Hex:
    '33dfe2b6999b6c9367b1fe7b8c63357d47c3b9da968c67c661828b84c3856f67540353064aa35cf8c91a3d26e173115e5619d38d8071a3e35a3dd01b68be7cc5',
  sha256Base64: 'n3oAn9snxsSOjtG+kDIyD8Fe9wlklnsTl+QuIC1RGbM=',
  sha256Hex: '9f7a009fdb27c6c48e8ed1be9032320fc15ef70964967b1397e42e202d5119b3',
};

export interface Vector {
  name: string;
  body: string;
  secret: string | string[];
  headers: Record<string, string | string[]>;
  /** Seconds after T at which the delivery is verified. */
  at?: number;
  toleranceSeconds?: number;
  /** `'ok'`, or the reason the delivery must be rejected with. */
  expect: 'ok' | KlerWebhookVerificationReason;
  /**
   * The outcome when duplicated headers arrive joined by `Headers#get` ("a, b"), which hides
   * that there were two: the joined value then simply fails to verify.
   */
  expectJoined?: KlerWebhookVerificationReason;
}

const h = (id: string | string[], signature: string | string[], timestamp: string | string[] = String(T)) => ({
  'webhook-id': id,
  'webhook-timestamp': timestamp,
  'webhook-signature': signature,
});

export const VECTORS: Vector[] = [
  { name: 'documented payload, whsec_ secret', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), expect: 'ok' },
  { name: 'documented payload, plain secret as UTF-8', body: DOC_BODY, secret: PLAIN, headers: h('msg_2vR8Zx', SIG.docPlain), expect: 'ok' },
  { name: 'unicode body', body: UNICODE_BODY, secret: WHSEC, headers: h('msg_unicode', SIG.unicodeWhsec), expect: 'ok' },
  { name: 'unknown event type', body: UNKNOWN_BODY, secret: WHSEC, headers: h('msg_future', SIG.unknownWhsec), expect: 'ok' },
  { name: 'empty body: signature verifies, but it is no event', body: '', secret: WHSEC, headers: h('msg_empty', SIG.emptyWhsec), expect: 'invalid_payload' },
  {
    name: 'several signatures, the valid one last',
    body: DOC_BODY,
    secret: WHSEC,
    headers: h('msg_2vR8Zx', `v1,${'A'.repeat(43)}= v1,bm90IGEgc2lnbmF0dXJl ${SIG.docWhsec}`),
    expect: 'ok',
  },
  {
    name: 'rotation: the delivery is signed with the second secret',
    body: DOC_BODY,
    secret: [WHSEC, WHSEC_2],
    headers: h('msg_2vR8Zx', SIG.docWhsec2),
    expect: 'ok',
  },
  {
    name: 'rotation: the sender signs with both secrets',
    body: DOC_BODY,
    secret: [WHSEC_2],
    headers: h('msg_2vR8Zx', `${SIG.docWhsec} ${SIG.docWhsec2}`),
    expect: 'ok',
  },
  { name: 'wrong secret', body: DOC_BODY, secret: WHSEC_2, headers: h('msg_2vR8Zx', SIG.docWhsec), expect: 'no_matching_signature' },
  { name: 'whsec_ signature checked with the plain secret', body: DOC_BODY, secret: PLAIN, headers: h('msg_2vR8Zx', SIG.docWhsec), expect: 'no_matching_signature' },
  { name: 'one byte of the body changed', body: DOC_BODY.replace('5000.00', '5000.01'), secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), expect: 'no_matching_signature' },
  { name: 'body with a trailing newline added', body: `${DOC_BODY}\n`, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), expect: 'no_matching_signature' },
  { name: 'another webhook-id', body: DOC_BODY, secret: WHSEC, headers: h('msg_other', SIG.docWhsec), expect: 'no_matching_signature' },
  { name: 'another (in-tolerance) timestamp', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec, String(T + 1)), at: 1, expect: 'no_matching_signature' },
  { name: 'wrong version prefix v2,', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec.replace('v1,', 'v2,')), expect: 'no_matching_signature' },
  { name: 'v1a (asymmetric) entries are ignored next to a valid v1', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', `v1a,c2lnbmVk ${SIG.docWhsec}`), expect: 'ok' },
  { name: 'tolerance edge: exactly 300 s old', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), at: 300, expect: 'ok' },
  { name: 'tolerance edge: 301 s old', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), at: 301, expect: 'timestamp_too_old' },
  { name: 'tolerance edge: exactly 300 s in the future', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), at: -300, expect: 'ok' },
  { name: 'tolerance edge: 301 s in the future', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), at: -301, expect: 'timestamp_too_new' },
  { name: 'toleranceSeconds 0 accepts the same second', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), at: 0, toleranceSeconds: 0, expect: 'ok' },
  { name: 'toleranceSeconds 0 means zero, not the default', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), at: 1, toleranceSeconds: 0, expect: 'timestamp_too_old' },
  { name: 'a day old with the default tolerance', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec), at: 86_400, expect: 'timestamp_too_old' },
  { name: 'missing webhook-signature', body: DOC_BODY, secret: WHSEC, headers: { 'webhook-id': 'msg_2vR8Zx', 'webhook-timestamp': String(T) }, expect: 'missing_header' },
  { name: 'missing webhook-id', body: DOC_BODY, secret: WHSEC, headers: { 'webhook-timestamp': String(T), 'webhook-signature': SIG.docWhsec }, expect: 'missing_header' },
  { name: 'missing webhook-timestamp', body: DOC_BODY, secret: WHSEC, headers: { 'webhook-id': 'msg_2vR8Zx', 'webhook-signature': SIG.docWhsec }, expect: 'missing_header' },
  { name: 'empty header values count as missing', body: DOC_BODY, secret: WHSEC, headers: h('', SIG.docWhsec), expect: 'missing_header' },
  { name: 'timestamp in milliseconds', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec, `${T}000`), expect: 'invalid_header' },
  { name: 'timestamp as an ISO date', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec, '2025-08-01T18:32:00Z'), expect: 'invalid_header' },
  { name: 'negative timestamp', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec, `-${T}`), expect: 'invalid_header' },
  { name: 'fractional timestamp', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec, `${T}.5`), expect: 'invalid_header' },
  { name: 'signature without a version', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec.slice(3)), expect: 'invalid_header' },
  { name: 'signature that is not base64', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', 'v1,not*base64!'), expect: 'no_matching_signature' },
  { name: 'truncated signature', body: DOC_BODY, secret: WHSEC, headers: h('msg_2vR8Zx', SIG.docWhsec.slice(0, -4)), expect: 'no_matching_signature' },
  {
    name: 'duplicated headers as arrays, equal values',
    body: DOC_BODY,
    secret: WHSEC,
    headers: h(['msg_2vR8Zx', 'msg_2vR8Zx'] , [SIG.docWhsec2, SIG.docWhsec], [String(T), String(T)]),
    expect: 'ok',
  },
  {
    name: 'duplicated webhook-id with different values',
    body: DOC_BODY,
    secret: WHSEC,
    headers: h(['msg_2vR8Zx', 'msg_evil'] , SIG.docWhsec),
    expect: 'invalid_header',
    expectJoined: 'no_matching_signature',
  },
  {
    name: 'duplicated webhook-timestamp with different values',
    body: DOC_BODY,
    secret: WHSEC,
    headers: h('msg_2vR8Zx', SIG.docWhsec, [String(T), String(T - 1000)]),
    expect: 'invalid_header',
    expectJoined: 'invalid_header',
  },
  {
    name: 'duplicates joined by a proxy with ", "',
    body: DOC_BODY,
    secret: WHSEC,
    headers: h('msg_2vR8Zx', `${SIG.docWhsec2}, ${SIG.docWhsec}`, `${T}, ${T}`),
    expect: 'ok',
  },
  {
    name: 'Svix-branded header names (svix-id, svix-timestamp, svix-signature)',
    body: DOC_BODY,
    secret: WHSEC,
    headers: { 'svix-id': 'msg_2vR8Zx', 'svix-timestamp': String(T), 'svix-signature': SIG.docWhsec },
    expect: 'ok',
  },
  {
    name: 'header names in any case',
    body: DOC_BODY,
    secret: WHSEC,
    headers: { 'Webhook-Id': 'msg_2vR8Zx', 'WEBHOOK-TIMESTAMP': String(T), 'webhook-Signature': SIG.docWhsec },
    expect: 'ok',
  },
];
