import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { createKlerMock, type KlerMockServer } from '../../src/testing/index.js';

let server: KlerMockServer | undefined;
afterEach(async () => {
  await server?.close();
});

function fakeIo(env: Record<string, string>, errIsTTY: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    errIsTTY,
    env,
    readFile: () => Promise.reject(new Error('no files here')),
    interrupted: () => new Promise(() => undefined),
  };
  return { io, out, err };
}

describe('the progress line of transactions list --all', () => {
  it('is drawn on stderr when it is a terminal, then erased', async () => {
    const mock = createKlerMock();
    server = await mock.listen();
    const env = { KLER_API_KEY: 'k', KLER_BASE_URL: server.url };
    const create = fakeIo(env, false);
    await main(['sessions', 'create', '--name', 'n', '--external-event-id', 'e', '--format', 'json'], create.io);
    const sessionId = (JSON.parse(create.out.join('')) as { session_id: string }).session_id;
    for (let i = 1; i <= 30; i++) await mock.simulatePayment(sessionId, { amount: `${i}.00`, channel: 'ussd' });

    const tty = fakeIo(env, true);
    const code = await main(['transactions', 'list', sessionId, '--all', '--limit', '10', '--format', 'json'], tty.io);
    expect(code).toBe(0);
    expect((JSON.parse(tty.out.join('')) as unknown[]).length).toBe(30);
    expect(tty.err[0]).toMatch(/^\rFetched \d+ transactions…\u001b\[K$/);
    expect(tty.err.at(-1)).toBe('\r\u001b[K');

    const pipe = fakeIo(env, false);
    await main(['transactions', 'list', sessionId, '--all', '--limit', '10', '--format', 'json'], pipe.io);
    expect(pipe.err).toEqual([]);
  });
});
