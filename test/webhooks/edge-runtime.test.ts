/**
 * The webhook entry inside an edge runtime (Vercel's EdgeVM: Web APIs only, no `process`, no
 * `Buffer`, no `require`, no code generation): the whole vector table, sign → verify round
 * trips, tampering, body-hmac, Fetch Requests and unknown events, all on Web Crypto.
 */
import { EdgeVM } from '@edge-runtime/vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { webhooksIife } from './bundle.js';
import { DOC_BODY, PLAIN, T, VECTORS, WHSEC } from './vectors.js';

let vm: EdgeVM;

/** Runs `body` (an async function body using `W` = the webhook module) in the VM; JSON in, JSON out. */
async function inEdge<T>(body: string, input: unknown = null): Promise<T> {
  const code = `(async (W, input) => { ${body} })(globalThis.KlerWebhooks, ${JSON.stringify(input)}).then(JSON.stringify)`;
  return JSON.parse(await (vm.evaluate(code) as Promise<string>)) as T;
}

beforeAll(async () => {
  vm = new EdgeVM();
  vm.evaluate(await webhooksIife());
});

describe('in an edge runtime', () => {
  it('there really is no process, Buffer or require', async () => {
    const globals = await inEdge<string[]>(`return [typeof process, typeof Buffer, typeof require, typeof crypto.subtle];`);
    expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'object']);
  });

  it('every vector of the table has the same outcome as on Node', async () => {
    const outcomes = await inEdge<{ name: string; plain: string; fetch: string }[]>(
      `
      const reason = (p) => p.then(() => 'ok', (e) => (e instanceof W.KlerWebhookVerificationError ? e.reason : 'threw ' + e));
      const results = [];
      for (const v of input.vectors) {
        const opts = { secret: v.secret, now: (input.T + (v.at ?? 0)) * 1000 };
        if (v.toleranceSeconds !== undefined) opts.toleranceSeconds = v.toleranceSeconds;
        const headers = new Headers();
        for (const [k, val] of Object.entries(v.headers)) for (const one of [val].flat()) headers.append(k, one);
        results.push({
          name: v.name,
          plain: await reason(W.verifyWebhook({ ...opts, payload: v.body, headers: v.headers })),
          fetch: await reason(W.verifyWebhook({ ...opts, payload: new TextEncoder().encode(v.body), headers })),
        });
      }
      return results;`,
      { vectors: VECTORS, T },
    );
    expect(outcomes).toEqual(
      VECTORS.map((v) => ({ name: v.name, plain: v.expect, fetch: v.expectJoined ?? v.expect })),
    );
  });

  it('signs and verifies, and a changed byte fails as no_matching_signature', async () => {
    const result = await inEdge<{ event: string; webhook_id: string; tampered: string }>(
      `
      const payload = input.body;
      const headers = await W.signWebhook({ payload, secret: input.secret, id: 'msg_edge' });
      const event = await W.verifyWebhook({ payload, headers, secret: input.secret });
      const tampered = await W.verifyWebhook({ payload: payload.replace('5000.00', '5000.10'), headers, secret: input.secret })
        .then(() => 'ok', (e) => e.reason);
      return { event: event.event, webhook_id: event.webhook_id, tampered };`,
      { body: DOC_BODY, secret: WHSEC },
    );
    expect(result).toEqual({ event: 'transaction.received', webhook_id: 'msg_edge', tampered: 'no_matching_signature' });
  });

  it('verifies a Fetch Request and an unknown event type', async () => {
    const result = await inEdge<{ event: string; data: unknown; isTx: boolean }>(
      `
      const payload = JSON.stringify({ event: 'terminal.offline', data: { terminal_id: 'pos_1' } });
      const headers = await W.signWebhook({ payload, secret: input.secret });
      const request = new Request('https://edge.example/webhooks', { method: 'POST', body: payload, headers });
      const event = await W.verifyWebhookRequest(request, { secret: input.secret });
      return { event: event.event, data: event.data, isTx: W.isTransactionReceivedEvent(event) };`,
      { secret: WHSEC },
    );
    expect(result).toEqual({ event: 'terminal.offline', data: { terminal_id: 'pos_1' }, isTx: false });
  });

  it('verifies the body-hmac scheme, and rejects a parsed body with the framework advice', async () => {
    const result = await inEdge<{ ok: string; notRaw: string }>(
      `
      const scheme = { type: 'body-hmac', header: 'x-kler-signature', algorithm: 'sha512' };
      const headers = await W.signWebhook({ payload: input.body, secret: input.secret, scheme });
      const event = await W.verifyWebhook({ payload: input.body, headers, secret: input.secret, scheme });
      const notRaw = await W.verifyWebhook({ payload: JSON.parse(input.body), headers, secret: input.secret, scheme })
        .then(() => 'ok', (e) => e.reason + ': ' + e.message);
      return { ok: event.data.id, notRaw };`,
      { body: DOC_BODY, secret: PLAIN },
    );
    expect(result.ok).toBe('txn_01');
    expect(result.notRaw).toMatch(/^payload_not_raw: .*express\.raw/s);
  });

  it('dedupes in memory', async () => {
    const claims = await inEdge<boolean[]>(`
      const store = W.createMemoryDedupeStore({ ttlMs: 60_000 });
      return [store.claim('transaction:txn_01'), store.claim('transaction:txn_01')];`);
    expect(claims).toEqual([true, false]);
  });

  it('runs createWebhookHandler().fetch: work done once, a redelivery deduped, a forgery refused, an oversized body stopped', async () => {
    const result = await inEdge<{ statuses: number[]; tickets: string[] }>(
      `
      const tickets = [];
      const handler = W.createWebhookHandler({
        secret: input.secret,
        maxBodyBytes: 4096,
        on: { 'transaction.received': async (event) => { tickets.push(event.data.id); } },
      });
      const headers = await W.signWebhook({ payload: input.body, secret: input.secret, id: 'msg_edge' });
      const send = (body) => handler.fetch(new Request('https://edge.example/webhooks', { method: 'POST', body, headers })).then((r) => r.status);
      const statuses = [await send(input.body), await send(input.body), await send(input.body.replace('5000.00', '5000.10')), await send('x'.repeat(5000))];
      return { statuses, tickets };`,
      { body: DOC_BODY, secret: WHSEC },
    );
    expect(result).toEqual({ statuses: [200, 200, 401, 413], tickets: [JSON.parse(DOC_BODY).data.id] });
  });
});
