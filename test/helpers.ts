import { http, HttpResponse } from 'msw';
import { KlerClient, type KlerClientOptions } from '../src/index.js';
import { BASE_URL, server } from './msw-server.js';

export const API_KEY = 'sk_test_supersecret_4f8a2c';

/** A client pointed at the MSW base URL with a known key. */
export function makeClient(options: KlerClientOptions = {}): KlerClient {
  return new KlerClient({ apiKey: API_KEY, baseUrl: BASE_URL, ...options });
}

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/**
 * Answers every request to BASE_URL with the queued responses in order (the last one repeats),
 * recording each request so tests can assert what the SDK sent and how many times.
 */
export function respondWith(...responses: (() => Response | Promise<Response>)[]): SeenRequest[] {
  const seen: SeenRequest[] = [];
  server.use(
    http.all(`${BASE_URL}/*`, async ({ request }) => {
      const text = await request.text();
      seen.push({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: text ? JSON.parse(text) : undefined,
      });
      const next = responses[Math.min(seen.length - 1, responses.length - 1)];
      if (!next) throw new Error('respondWith needs at least one response');
      return next();
    }),
  );
  return seen;
}

export const json = (body: unknown, init?: ResponseInit) => () => HttpResponse.json(body as object, init);
export const okJson = (data: unknown, status = 200) => json({ success: true, data }, { status });
