import { afterEach } from 'vitest';
import { KlerClient, type KlerClientOptions } from '../../src/index.js';
import { createKlerMock, type KlerMock, type KlerMockOptions } from '../../src/testing/index.js';
import { BASE_URL, server } from '../msw-server.js';

export const API_KEY = 'sk_test_mock_key';

/** A client for `baseUrl` with a known key and no automatic retries (tests opt in). */
export function clientFor(baseUrl: string, options: KlerClientOptions = {}): KlerClient {
  return new KlerClient({ apiKey: API_KEY, baseUrl, maxRetries: 0, ...options });
}

/** A fake Kler reached one way or the other, with a client pointed at it. */
export interface Door {
  mock: KlerMock;
  url: string;
  client: (options?: KlerClientOptions) => KlerClient;
}

export type DoorName = 'msw' | 'http';

/** Starts a fresh mock behind `door`; stopped after the test. */
export async function openDoor(door: DoorName, options: KlerMockOptions = {}): Promise<Door> {
  const mock = createKlerMock({ baseUrl: BASE_URL, deliveryBaseDelayMs: 1, ...options });
  let url = BASE_URL;
  if (door === 'msw') {
    server.use(...mock.handlers);
  } else {
    const running = await mock.listen();
    closers.push(() => running.close());
    url = running.url;
  }
  return { mock, url, client: (clientOptions) => clientFor(url, clientOptions) };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A raw request to the fake, for what the SDK refuses to send (it validates params first). */
export async function raw(
  door: Door,
  method: string,
  path: string,
  init: { body?: unknown; apiKey?: string | null } = {},
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = init.apiKey === undefined ? API_KEY : init.apiKey;
  if (key !== null) headers['x-api-key'] = key;
  const response = await fetch(`${door.url}${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Valid create-session params with `pos_count` terminals and a collection account. */
export function sessionParams(posCount = 3, extra: Record<string, unknown> = {}) {
  return {
    external_event_id: 'evt_lagos_2025',
    name: 'Lagos Music Festival 2025',
    collection: { account: true, pos: true, pos_count: posCount },
    ...extra,
  };
}

/** The fake's error envelope, as the control routes and the API routes answer refusals. */
export interface ErrorBody {
  success: false;
  error: { code: string; message: string; field?: string; routes?: string[] };
}

/**
 * A request to the HTTP door's control routes (`/_mock/…`, beside `/v1`), as `kler mock` users
 * send them. `body` is JSON-encoded unless it is already a string (to send broken JSON).
 */
export async function control(door: Door, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const root = door.url.replace(/\/v1$/, '');
  const response = await fetch(`${root}/_mock${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}
