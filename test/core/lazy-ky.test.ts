/**
 * The client imports ky on its first request, not with the SDK (src/core/ky-module.ts): ky's
 * import makes Node load its fetch implementation, which an app that has not called Kler yet
 * should not pay for at start-up. Checked in fresh Node processes on the built package, with a
 * module hook that records (or refuses) every resolution of `ky`.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runWithPackageHook, type FreshNodeResult } from '../fresh-node.js';
import { startLoopback } from '../loopback.js';

const DIST = new URL('../../dist/index.js', import.meta.url).href;

/** Runs `body` (top-level await allowed) after a hook that counts or blocks resolving `ky`. */
const runWithKyHook = (body: string, mode: 'record' | 'block'): Promise<FreshNodeResult> =>
  runWithPackageHook('ky', mode === 'block', `const { KlerClient } = await import(${JSON.stringify(DIST)});\n${body}`);

describe.skipIf(!existsSync(new URL(DIST)))('ky is imported on the first request', () => {
  it('is not imported by importing the SDK and constructing a client, and is by the first request', async () => {
    const server = await startLoopback((_req, res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ success: false, message: 'Session not found' }));
    });
    try {
      const { stdout, stderr, status } = await runWithKyHook(
        `const kler = new KlerClient({ apiKey: 'k', baseUrl: ${JSON.stringify(server.url)}, logLevel: 'off' });
         console.log('before', globalThis.resolved);
         // Node's fetch implementation is loaded on first use of a fetch global (Response,
         // Headers…): importing the SDK must not touch one. (moduleLoadList lists Node's
         // internal modules as they load.)
         console.log('undici', process.moduleLoadList.some((name) => name.includes('undici')));
         console.log('answer', await kler.sessions.retrieve('ses_1').catch((e) => e.name));
         await kler.sessions.retrieve('ses_2').catch(() => undefined);
         console.log('after', globalThis.resolved);`,
        'record',
      );
      expect(stderr).toBe('');
      expect(status).toBe(0);
      // Imported once for the process, by the first request; the second reuses it.
      expect(stdout.trim().split('\n')).toEqual(['before 0', 'undici false', 'answer KlerNotFoundError', 'after 1']);
    } finally {
      await server.close();
    }
  });

  it('fails a request with KlerConfigurationError saying how to fix it when ky cannot be loaded, and imports again on the next request', async () => {
    const { stdout, status } = await runWithKyHook(
      `const heard = [];
       const kler = new KlerClient({
         apiKey: 'k_secret_key_123', baseUrl: 'http://127.0.0.1:9/v1', logLevel: 'off',
         hooks: { onError: ({ error }) => { heard.push(error.name); } },
       });
       for (let i = 0; i < 2; i++) {
         const error = await kler.sessions.retrieve('ses_1').catch((e) => e);
         console.log(JSON.stringify({ name: error.name, message: error.message }));
       }
       console.log('tries', globalThis.resolved);
       console.log('onError', heard.join(','));`,
      'block',
    );
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    const first = JSON.parse(lines[0]!) as { name: string; message: string };
    expect(first.name).toBe('KlerConfigurationError');
    expect(first.message).toMatch(/Could not load ky, the SDK's HTTP library: .*Cannot find package 'ky'.*npm install/);
    expect(first.message).not.toContain('k_secret_key_123');
    expect(JSON.parse(lines[1]!)).toEqual(first);
    // A failed import is not kept by the SDK: each request imports again.
    expect(lines[2]).toBe('tries 2');
    // Observed like any failed call: the client's onError hook heard both.
    expect(lines[3]).toBe('onError KlerConfigurationError,KlerConfigurationError');
  });
});
