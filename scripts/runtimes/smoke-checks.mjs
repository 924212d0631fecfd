/**
 * The packed SDK's smoke checks, run unchanged by every runtime of the matrix (Node, Bun, Deno
 * through `smoke.mjs`; an edge runtime through a bundle of this file) from a consumer project
 * that installed the tarball. `smoke(baseUrl, sessionId)` talks to the mock server at `baseUrl`;
 * `sessionId` already has three successful payments of 5000.00.
 */
import { KlerClient, KlerError, KlerNotFoundError, isKlerError } from '@kler/sdk';
import { SessionSchema } from '@kler/sdk/schemas';
import { KlerWebhookVerificationError, signWebhook, verifyWebhook, verifyWebhookRequest } from '@kler/sdk/webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs every check and returns `{ runtime, results: [{ name, ok, detail? }] }`. */
export async function smoke(baseUrl, paidSessionId) {
  const kler = new KlerClient({ apiKey: 'sk_smoke', baseUrl, maxRetries: 0, timeout: 10_000 });

  const checks = {
    async 'client: sessions create, retrieve, close'() {
      const created = await kler.sessions.create({
        external_event_id: 'evt_smoke',
        name: 'Smoke test night',
        collection: { account: true, pos: true, pos_count: 2 },
      });
      check(typeof created.session_id === 'string' && created.session_id !== '', 'no session_id');
      const fetched = await kler.sessions.retrieve(created.session_id);
      check(fetched.session_id === created.session_id, 'retrieve returned another session');
      const closed = await kler.sessions.close(created.session_id);
      check(closed.status === 'closed', `close answered status ${closed.status}`);
    },
    async 'client: transactions, every page with for await'() {
      const seen = [];
      for await (const transaction of kler.transactions.list({ session_id: paidSessionId, limit: 2 })) seen.push(transaction.id);
      check(seen.length === 3 && new Set(seen).size === 3, `expected 3 distinct transactions, got ${JSON.stringify(seen)}`);
    },
    async 'client: reconciliation totals'() {
      const totals = await kler.reconciliation.retrieve(paidSessionId);
      check(totals.total_inflow === '15000.00', `total_inflow ${totals.total_inflow}`);
    },
    async 'client: 404 is KlerNotFoundError'() {
      const error = await kler.sessions.retrieve('sess_missing').then(
        () => null,
        (e) => e,
      );
      check(error instanceof KlerNotFoundError && error instanceof KlerError && isKlerError(error), `got ${error}`);
      check(error.status === 404 && error.name === 'KlerNotFoundError', `status ${error.status}, name ${error.name}`);
    },
    async 'schemas: SessionSchema validates'() {
      const result = await SessionSchema['~standard'].validate(await kler.sessions.retrieve(paidSessionId));
      check(!result.issues, JSON.stringify(result.issues));
    },
    async 'webhooks: sign, verify, reject tampering'() {
      const payload = JSON.stringify({
        event: 'transaction.received',
        session_id: 'sess_smoke',
        data: { id: 'txn_1', amount: '5000.00', currency: 'NGN', channel: 'pos', status: 'successful', paid_at: '2025-08-01T18:32:00.000Z' },
      });
      const headers = await signWebhook({ payload, secret: SECRET, id: 'msg_smoke' });
      const event = await verifyWebhook({ payload, headers, secret: SECRET });
      check(event.event === 'transaction.received' && event.webhook_id === 'msg_smoke', JSON.stringify(event));
      const tampered = await verifyWebhook({ payload: payload.replace('5000.00', '5000.10'), headers, secret: SECRET }).then(
        () => 'accepted',
        (e) => (e instanceof KlerWebhookVerificationError ? e.reason : String(e)),
      );
      check(tampered === 'no_matching_signature', `tampered body: ${tampered}`);
      const stale = await verifyWebhook({ payload, headers, secret: SECRET, now: Date.now() + 3_600_000 }).then(
        () => 'accepted',
        (e) => e.reason,
      );
      check(stale === 'timestamp_too_old', `an hour later: ${stale}`);
      const request = new Request('https://example.test/webhooks/kler', { method: 'POST', body: payload, headers });
      const fromRequest = await verifyWebhookRequest(request, { secret: [SECRET] });
      check(fromRequest.session_id === 'sess_smoke', 'verifyWebhookRequest');
    },
  };

  const runtime = globalThis.Deno
    ? `deno ${globalThis.Deno.version.deno}`
    : globalThis.Bun
      ? `bun ${globalThis.Bun.version}`
      : typeof globalThis.EdgeRuntime === 'string'
        ? `edge-runtime (${globalThis.EdgeRuntime})`
        : `node ${globalThis.process.versions.node}`;
  const results = [];
  for (const [name, run] of Object.entries(checks)) {
    try {
      await run();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
  return { runtime, results };
}
