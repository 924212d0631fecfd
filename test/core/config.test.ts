import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BASE_URL, KlerClient, KlerConfigurationError } from '../../src/index.js';
import * as docs from '../fixtures/documented.js';
import { okJson, respondWith } from '../helpers.js';
import { BASE_URL } from '../msw-server.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('configuration', () => {
  it('a missing API key fails at the first call, naming KLER_API_KEY, and sends nothing', async () => {
    vi.stubEnv('KLER_API_KEY', '');
    const seen = respondWith(okJson(docs.sessionQuickstart));
    const kler = new KlerClient({ baseUrl: BASE_URL });
    const error = await kler.sessions.retrieve('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlerConfigurationError);
    expect((error as Error).message).toContain('KLER_API_KEY');
    expect(seen).toHaveLength(0);
  });

  it('reads KLER_API_KEY and KLER_BASE_URL from the environment', async () => {
    vi.stubEnv('KLER_API_KEY', 'env-key');
    vi.stubEnv('KLER_BASE_URL', BASE_URL);
    const seen = respondWith(okJson(docs.sessionQuickstart));
    await new KlerClient().sessions.retrieve('s');
    expect(seen[0]?.headers.get('x-api-key')).toBe('env-key');
    expect(seen[0]?.url.origin).toBe('https://api.kler.test');
  });

  it('defaults to the production base URL', () => {
    vi.stubEnv('KLER_BASE_URL', '');
    expect(new KlerClient({ apiKey: 'k' }).baseUrl).toBe(`${DEFAULT_BASE_URL}/`);
  });

  it('works where there is no `process` at all (edge runtimes)', async () => {
    vi.stubGlobal('process', undefined);
    const seen = respondWith(okJson(docs.sessionQuickstart));
    const kler = new KlerClient({ apiKey: 'k', baseUrl: BASE_URL });
    await kler.sessions.retrieve('s');
    expect(seen).toHaveLength(1);
  });

  it.each(['api.kler.africa/v1', 'ftp://api.kler.africa/v1', 'https://api.kler.africa/v1?x=1'])(
    'rejects the baseUrl %j at construction',
    (baseUrl) => {
      expect(() => new KlerClient({ apiKey: 'k', baseUrl })).toThrow(KlerConfigurationError);
    },
  );

  it.each([
    [{ timeout: 0 }, /timeout/],
    [{ timeout: Number.NaN }, /timeout/],
    [{ maxRetries: -1 }, /maxRetries/],
    [{ maxRetries: 1.5 }, /maxRetries/],
  ])('rejects %j with a clear error', async (options, message) => {
    respondWith(okJson(docs.sessionQuickstart));
    const kler = new KlerClient({ apiKey: 'k', baseUrl: BASE_URL });
    await expect(kler.sessions.retrieve('s', options)).rejects.toThrow(message);
  });

  it.each([
    [{ timeout: -1 }, /timeout must be a number of milliseconds/],
    [{ maxRetries: 1.5 }, /maxRetries must be a whole number/],
  ])('rejects the client option %j at construction, where it was written', (options, message) => {
    expect(() => new KlerClient({ apiKey: 'k', baseUrl: BASE_URL, ...options })).toThrow(KlerConfigurationError);
    expect(() => new KlerClient({ apiKey: 'k', baseUrl: BASE_URL, ...options })).toThrow(message);
  });
});
