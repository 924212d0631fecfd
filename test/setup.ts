import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './msw-server.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

beforeAll(() => {
  server.listen({
    // Any request no handler answers fails the test, except loopback traffic, which belongs to
    // tests that run a real HTTP server (the mock Kler, a webhook receiver).
    onUnhandledFrame({ frame, defaults }) {
      const data = frame.data as { request?: Request };
      if (data.request && LOOPBACK.has(new URL(data.request.url).hostname)) return;
      defaults.error();
    },
  });
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
