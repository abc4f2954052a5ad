/** The browser side of phase tokens: cached in memory, refreshed before expiry, one retry on 401. */
import { describe, expect, it, vi } from 'vitest';
import { createApiFetch, PhaseTokenManager } from '../index.js';

function tokenSource(lifetimeMs = 300_000, now = () => Date.now()) {
  let issued = 0;
  const fetchToken = vi.fn(async () => {
    issued++;
    return { token: `token-${issued}`, expiresAt: new Date(now() + lifetimeMs).toISOString() };
  });
  return { fetchToken };
}

describe('PhaseTokenManager', () => {
  it('reuses a fresh token and shares one request among concurrent callers', async () => {
    const { fetchToken } = tokenSource();
    const tokens = new PhaseTokenManager({ fetchToken });
    const all = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    expect(all).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await tokens.getToken()).toBe('token-1');
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('refreshes shortly before expiry, not after', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const { fetchToken } = tokenSource(300_000, now);
    const tokens = new PhaseTokenManager({ fetchToken, now, refreshBeforeMs: 30_000 });
    expect(await tokens.getToken()).toBe('token-1');
    clock += 269_000;
    expect(await tokens.getToken()).toBe('token-1');
    clock += 2_000; // 29 s left: inside the refresh window
    expect(await tokens.getToken()).toBe('token-2');
  });

  it('fetches again after a failed fetch instead of caching the failure', async () => {
    const fetchToken = vi
      .fn()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({
        token: 't',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
    const tokens = new PhaseTokenManager({ fetchToken });
    await expect(tokens.getToken()).rejects.toThrow('offline');
    expect(await tokens.getToken()).toBe('t');
  });

  it('never writes tokens to web storage', async () => {
    const setItem = vi.fn();
    vi.stubGlobal('localStorage', { setItem, getItem: vi.fn() });
    vi.stubGlobal('sessionStorage', { setItem, getItem: vi.fn() });
    const tokens = new PhaseTokenManager(tokenSource());
    await tokens.getToken();
    expect(setItem).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});

describe('createApiFetch', () => {
  it('tells whether the phase server is available after every answer (502/503/504: not)', async () => {
    const statuses = [200, 502, 504, 503, 404];
    const fetch = vi.fn(async () => new Response(null, { status: statuses.shift() ?? 200 }));
    const onServerStatus = vi.fn();
    const apiFetch = createApiFetch({
      baseUrl: '/phase-api/p',
      tokens: new PhaseTokenManager(tokenSource()),
      fetch,
      onServerStatus,
    });
    for (let i = 0; i < 5; i++) await apiFetch('/items');
    expect(onServerStatus.mock.calls.map(([status]) => status)).toEqual([
      { available: true },
      { available: false, status: 502, request: 'GET /phase-api/p/items' },
      { available: false, status: 504, request: 'GET /phase-api/p/items' },
      { available: false, status: 503, request: 'GET /phase-api/p/items' },
      // A refusal comes from a server that is there.
      { available: true },
    ]);
  });

  it('calls the gateway with the bearer token', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }));
    const apiFetch = createApiFetch({
      baseUrl: '/phase-api/matching',
      tokens: new PhaseTokenManager(tokenSource()),
      fetch,
    });
    await apiFetch('/rankings', { method: 'PUT', body: '[]' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/phase-api/matching/rankings');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer token-1');
    expect(init.method).toBe('PUT');
  });

  it('retries once with a fresh token on 401, and only once', async () => {
    const statuses = [401, 200];
    const fetch = vi.fn(async () => new Response(null, { status: statuses.shift() ?? 401 }));
    const source = tokenSource();
    const apiFetch = createApiFetch({
      baseUrl: '/phase-api/p',
      tokens: new PhaseTokenManager(source),
      fetch,
    });
    expect((await apiFetch('x')).status).toBe(200);
    const auth = fetch.mock.calls.map((call) =>
      new Headers((call as unknown as [string, RequestInit])[1].headers).get('authorization'),
    );
    expect(auth).toEqual(['Bearer token-1', 'Bearer token-2']);

    fetch.mockClear();
    expect((await apiFetch('x')).status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('refuses absolute URLs so the token never leaves for another origin', async () => {
    const apiFetch = createApiFetch({
      baseUrl: '/phase-api/p',
      tokens: new PhaseTokenManager(tokenSource()),
      fetch: vi.fn(),
    });
    await expect(apiFetch('https://evil.example/steal')).rejects.toThrow(/not a URL/);
  });
});
