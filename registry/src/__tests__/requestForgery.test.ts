/**
 * Cross-site request forgery over real HTTP, whatever the spelling of the path: the CSRF/Origin
 * guard and session loading decide on the route the router matched, so `/%61pi/...` is `/api/...`
 * for them too; and the Origin is compared with `PUBLIC_URL`'s, never with `Host` or forwarded
 * headers, which are believed only from proxies named in `TRUST_PROXY`.
 */
import { request as httpRequest } from 'node:http';
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownOrigins } from '../plugins/ownOrigins.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const EVIL = 'https://evil.example';
const ADMIN = 'admin@coursekit.test';

interface RawAnswer {
  status: number;
  body: string;
  setCookie: string[];
}

/** A request whose path goes on the wire exactly as written (no URL normalisation on the way). */
function raw(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawAnswer> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        // A fresh connection each time: the server closes one after a request it cannot parse.
        agent: false,
        method,
        path,
        headers: {
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            setCookie: res.headers['set-cookie'] ?? [],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const encodeFirst = (segment: string) =>
  segment.length === 0 || segment.startsWith(':')
    ? segment
    : `%${segment.charCodeAt(0).toString(16).toUpperCase()}${segment.slice(1)}`;

/** The ways a client can spell one path; the router decodes some, others are no route at all. */
function spellings(path: string): string[] {
  const segments = path.split('/');
  return [
    path,
    segments.map(encodeFirst).join('/'),
    path.replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`),
    path.replace(/^\/api\//, '/%61pi/'),
    path.toUpperCase(),
    `/${path}`,
    path.replace(/^\/api\//, '/api//'),
    `${path}/`,
    `/x/..${path}`,
    path.replace(/^\/api\//, '/api/./'),
    path.replace(/\//g, '%2F'),
    path.replace(/^\/api\//, '/api%2F'),
  ];
}

describe('request forgery', () => {
  let t: TestApp;
  let cookie: string;
  const unsafeRoutes: { method: string; path: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp('pglite', {}, { listen: true });
    cookie = await t.cookieOf(ADMIN);
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        const concrete = path.replace(/\{[^}]+\}/g, (name) =>
          name === '{courseId}' ? t.courseId : name === '{name}' ? 'intro-course' : '0000',
        );
        unsafeRoutes.push({ method: method.toUpperCase(), path: concrete });
      }
    }
  });
  afterAll(() => t?.close());

  it('POST /%61pi/auth/dev-login from a foreign origin without the CSRF header is refused', async () => {
    const answer = await raw(
      t.origin,
      'POST',
      '/%61pi/auth/dev-login',
      { origin: EVIL },
      JSON.stringify({ email: ADMIN }),
    );
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).code).toBe('CK_CSRF');
    expect(answer.setCookie).toEqual([]);
  });

  it('refuses every state-changing route under every spelling of its path', async () => {
    expect(unsafeRoutes.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const route of unsafeRoutes) {
      for (const path of spellings(route.path)) {
        for (const headers of [
          { origin: EVIL },
          { [CSRF_HEADER]: '1', origin: EVIL },
          {},
        ] as Record<string, string>[]) {
          const answer = await raw(
            t.origin,
            route.method,
            path,
            { cookie, ...headers },
            JSON.stringify({}),
          );
          const code = answer.body.startsWith('{') ? JSON.parse(answer.body).code : undefined;
          // Refused as forgery, or no route at all (which changes nothing): unknown, or a request
          // target that is not even a path (`%2Fapi...`).
          const refused =
            (answer.status === 403 && code === 'CK_CSRF') ||
            (answer.status === 404 && code === 'CK_ROUTE_NOT_FOUND') ||
            (answer.status === 400 && !path.startsWith('/'));
          if (!refused)
            leaks.push(
              `${route.method} ${path} ${JSON.stringify(headers)} → ${answer.status} ${code}`,
            );
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('loads the session for whatever spelling the router accepts', async () => {
    for (const path of ['/api/me', '/%61pi/me', '/api/%6De']) {
      const answer = await raw(t.origin, 'GET', path, { cookie });
      expect(answer.status, path).toBe(200);
      expect(JSON.parse(answer.body).user.email).toBe(ADMIN);
    }
  });

  it('compares the Origin with PUBLIC_URL, never with Host or X-Forwarded-Host', async () => {
    const attempts: Record<string, string>[] = [
      { host: 'evil.example', origin: 'http://evil.example' },
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', origin: EVIL },
      { forwarded: 'host=evil.example;proto=https', origin: EVIL },
    ];
    for (const headers of attempts) {
      const answer = await raw(
        t.origin,
        'POST',
        '/api/auth/dev-login',
        { [CSRF_HEADER]: '1', ...headers },
        JSON.stringify({ email: ADMIN }),
      );
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(answer.body).code).toBe('CK_CSRF');
    }
    const own = await raw(
      t.origin,
      'POST',
      '/api/auth/dev-login',
      { [CSRF_HEADER]: '1', origin: t.origin },
      JSON.stringify({ email: ADMIN }),
    );
    expect(own.status).toBe(200);
  });

  it('admits the loopback spellings of a loopback PUBLIC_URL only', () => {
    expect([...ownOrigins('http://localhost:4000/')]).toEqual([
      'http://localhost:4000',
      'http://127.0.0.1:4000',
      'http://[::1]:4000',
    ]);
    expect([...ownOrigins('https://courses.example.org/')]).toEqual([
      'https://courses.example.org',
    ]);
  });
});
