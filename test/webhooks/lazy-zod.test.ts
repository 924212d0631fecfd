/**
 * `@kler/sdk/webhooks` loads zod only when a body needs zod's interpreter (src/webhooks/
 * event-check-loader.ts): importing the entry and verifying valid deliveries of known events
 * never does, so a receiver's cold start skips zod's module loading. Checked in fresh Node
 * processes on the built package, with a module hook that records (or refuses) every resolution
 * of a `zod` specifier.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runWithPackageHook, type FreshNodeResult } from '../fresh-node.js';
import { webhookTransactionReceived } from '../fixtures/documented.js';

const DIST = new URL('../../dist/webhooks.js', import.meta.url).href;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Runs `body` after a hook that counts (or blocks) resolving zod, with `verify(json)` defined. */
const runWithZodHook = (body: string, mode: 'record' | 'block'): Promise<FreshNodeResult> =>
  runWithPackageHook(
    'zod',
    mode === 'block',
    `
    const { verifyWebhook, signWebhook, parseWebhookEventUnverified } = await import(${JSON.stringify(DIST)});
    const secret = ${JSON.stringify(SECRET)};
    async function verify(json) {
      const payload = JSON.stringify(json);
      const headers = await signWebhook({ payload, secret });
      return verifyWebhook({ payload, headers, secret }).then(
        (event) => 'ok ' + event.event,
        (error) => error.name + ' ' + (error.reason ?? '') + ' ' + error.message.split('\\n').slice(0, 2).join(' | '),
      );
    }
    ${body}
  `,
  );

const valid = webhookTransactionReceived;
const malformed = { ...valid, data: { ...valid.data, amount: '5,000.00' } };
const unknownType = { event: 'session.closed', session_id: 'sess_1', data: { anything: true } };

describe.skipIf(!existsSync(new URL(DIST)))('zod is loaded by the first body that needs it', () => {
  it('is not loaded by importing the entry or verifying valid known events; a malformed body loads it once and names the field', async () => {
    const { stdout, stderr, status } = await runWithZodHook(
      `console.log('import', globalThis.resolved);
       console.log(await verify(${JSON.stringify(valid)}));
       console.log(await verify(${JSON.stringify(valid)}));
       console.log('valid', globalThis.resolved);
       console.log((await parseWebhookEventUnverified(${JSON.stringify(JSON.stringify(valid))})).event);
       console.log('unverified', globalThis.resolved);
       console.log(await verify(${JSON.stringify(malformed)}));
       const loaded = globalThis.resolved;
       console.log('malformed', loaded > 0);
       console.log(await verify(${JSON.stringify(unknownType)}));
       console.log('again', globalThis.resolved === loaded);`,
      'record',
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'import 0',
      'ok transaction.received',
      'ok transaction.received',
      'valid 0',
      'transaction.received',
      'unverified 0',
      expect.stringMatching(/^KlerWebhookVerificationError invalid_payload .*data\.amount: expected a decimal amount string/),
      'malformed true',
      // An event type this SDK does not know is verified and returned as sent.
      'ok session.closed',
      'again true',
    ]);
  });

  it('fails such a body with KlerConfigurationError saying how to fix it when zod cannot be loaded, while valid deliveries still verify', async () => {
    const { stdout, status } = await runWithZodHook(
      `console.log(await verify(${JSON.stringify(malformed)}));
       console.log(await verify(${JSON.stringify(valid)}));
       console.log(await verify(${JSON.stringify(unknownType)}));
       console.log('tries', globalThis.resolved > 1);`,
      'block',
    );
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^KlerConfigurationError {2}The SDK could not load its schema library \(zod\).*Cannot find package 'zod'.*npm install/);
    expect(lines[1]).toBe('ok transaction.received');
    expect(lines[2]).toMatch(/^KlerConfigurationError /);
    // A failed import is not kept as a failure: the next body that needs zod tries again.
    expect(lines[3]).toBe('tries true');
  });
});
