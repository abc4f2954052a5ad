/**
 * `apiFetch` for a phase: calls the phase's own server through the registry's gateway
 * (`/phase-api/<phase>/...`) with its phase token, and retries once with a fresh token when the
 * server answers 401 (a token that expired in flight, or a key rotation). Every answer tells the
 * optional `onServerStatus` whether the server is available (`phaseServerStatus`).
 */
import type { PhaseTokenManager } from './PhaseTokenManager.js';
import { type PhaseServerStatus, phaseServerStatus } from './phaseServerStatus.js';

export type ApiFetch = (path: string, init?: RequestInit) => Promise<Response>;

export interface ApiFetchOptions {
  /** Absolute or origin-relative base, e.g. `/phase-api/matching`. */
  baseUrl: string;
  tokens: PhaseTokenManager;
  fetch?: typeof fetch;
  /** Told after every answer whether the phase's server is available (the host listens). */
  onServerStatus?: (status: PhaseServerStatus) => void;
}

/** Gateway base path of a phase's server. */
export const phaseApiBase = (phase: string, origin = '') =>
  `${origin}/phase-api/${encodeURIComponent(phase)}`;

export function createApiFetch(options: ApiFetchOptions): ApiFetch {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.baseUrl.replace(/\/$/, '');
  return async (path, init = {}) => {
    if (/^[a-z]+:/i.test(path) || path.startsWith('//')) {
      throw new TypeError(
        `apiFetch takes a path on your phase's server (e.g. "/items"), not a URL: ${path}`,
      );
    }
    const url = `${base}/${path.replace(/^\//, '')}`;
    const send = async (token: string) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      if (!headers.has('accept')) headers.set('accept', 'application/json');
      return fetchImpl(url, { ...init, headers, credentials: 'omit' });
    };
    const token = await options.tokens.getToken();
    let response = await send(token);
    if (response.status === 401) {
      options.tokens.invalidate(token);
      response = await send(await options.tokens.getToken());
    }
    options.onServerStatus?.(phaseServerStatus(response, `${init.method ?? 'GET'} ${url}`));
    return response;
  };
}
