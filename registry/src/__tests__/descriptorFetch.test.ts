/**
 * Server-side request forgery through `POST /api/phase-types/{name}/versions`, over real HTTP on a
 * registry in production mode: non-public addresses in every spelling are refused before any
 * connection (after DNS resolution for names, on every redirect hop), unless
 * `DESCRIPTOR_ALLOWED_HOSTS` names the host; redirects, size and time are bounded; a refusal is a
 * 422 that says nothing about what lies behind the address. The gateway applies the same policy
 * when it connects to a phase server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import { phaseBuild } from './support/phaseBuildServer.js';
import { createTestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const TIMEOUT_MS = 1500;

/** A server on 127.0.0.1 that answers with `handler` and counts the requests that reach it. */
async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const state = { requests: 0, port: 0, server: undefined as unknown as Server };
  state.server = createServer((req, res) => {
    state.requests++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.port = (state.server.address() as AddressInfo).port;
  return state;
}

/** Builds of `peer-review` (client-only) and `grading` (client-and-server) under `/<name>/`. */
function startBuildServer() {
  const builds: Record<string, Record<string, unknown>> = {
    'peer-review': phaseBuild('peer-review', '1.0.0'),
    grading: phaseBuild('grading', '1.0.0', { descriptor: { kind: 'client-and-server' } }),
  };
  return startServer((req, res) => {
    const [, name = '', file = ''] = (req.url ?? '').split('/');
    const content = builds[name]?.[file];
    if (content === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(typeof content === 'string' ? content : JSON.stringify(content));
  });
}

/** A production registry (OpenID Connect sign-in, never reached here) with these extra settings. */
async function productionRegistry(env: Record<string, string> = {}) {
  const t = await createTestApp('pglite', {
    COURSEKIT_MODE: 'production',
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'https://id.coursekit.test/',
    OIDC_CLIENT_ID: 'coursekit',
    DESCRIPTOR_FETCH_TIMEOUT_MS: String(TIMEOUT_MS),
    ...env,
  });
  const cookieOf = async (email: string) => {
    const user = await t.app.users.findByEmail(email);
    if (!user) throw new Error(`no user ${email}`);
    return `${SESSION_COOKIE}=${(await t.app.sessions.start(user)).token}`;
  };
  const admin = await cookieOf(ADMIN);
  const as = (
    cookie: string,
    options: {
      method: 'GET' | 'POST';
      url: string;
      payload?: object;
      headers?: Record<string, string>;
    },
  ) =>
    t.app.inject({
      ...options,
      headers: { cookie, 'x-coursekit-csrf': '1', ...options.headers },
    });
  for (const [name, kind] of [
    ['peer-review', 'client-only'],
    ['grading', 'client-and-server'],
  ] as const) {
    await as(admin, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name, title: name, kind },
    });
  }
  const register = (descriptorUrl: string, serverUrl?: string) =>
    as(admin, {
      method: 'POST',
      url: `/api/phase-types/${serverUrl ? 'grading' : 'peer-review'}/versions`,
      payload: { descriptorUrl, ...(serverUrl ? { serverUrl } : {}) },
    });
  return { t, as, admin, cookieOf, register };
}

const refusal = (response: LightMyRequestResponse) => {
  const body = response.json() as { code: string; detail: string };
  return { status: response.statusCode, code: body.code, detail: body.detail };
};

describe('descriptor fetches in production', { timeout: 120_000 }, () => {
  let registry: Awaited<ReturnType<typeof productionRegistry>>;
  let cdn: Awaited<ReturnType<typeof startServer>>;
  /** The same, with 127.0.0.1 in DESCRIPTOR_ALLOWED_HOSTS. */
  let allowing: Awaited<ReturnType<typeof productionRegistry>>;
  beforeAll(async () => {
    cdn = await startBuildServer();
    [registry, allowing] = await Promise.all([
      productionRegistry(),
      productionRegistry({ DESCRIPTOR_ALLOWED_HOSTS: '127.0.0.1' }),
    ]);
    // Two PGlite start-ups: seconds on a quiet machine, a minute or more on a loaded one.
  }, 300_000);
  afterAll(async () => {
    cdn?.server.close();
    await Promise.all([registry?.t.close(), allowing?.t.close()]);
  });

  it('refuses loopback, private, link-local and metadata addresses in every spelling, before connecting', async () => {
    const port = cdn.port;
    const urls = [
      `http://127.0.0.1:${port}/peer-review/phase.json`,
      `http://localhost:${port}/phase.json`,
      `http://2130706433:${port}/phase.json`,
      `http://0x7f.0.0.1:${port}/phase.json`,
      `http://0177.0.0.1:${port}/phase.json`,
      `http://127.1:${port}/phase.json`,
      `http://0.0.0.0:${port}/phase.json`,
      `http://[::1]:${port}/phase.json`,
      `http://[::ffff:127.0.0.1]:${port}/phase.json`,
      `http://[::ffff:7f00:1]:${port}/phase.json`,
      `http://[::]:${port}/phase.json`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
      'http://10.0.0.1/phase.json',
      'http://172.16.0.1/phase.json',
      'http://192.168.1.1/phase.json',
      'http://100.64.0.1/phase.json',
      'http://[fc00::1]/phase.json',
      'http://[fe80::1]/phase.json',
      'http://[64:ff9b::7f00:1]/phase.json',
      'http://224.0.0.1/phase.json',
    ];
    for (const url of urls) {
      const answer = refusal(await registry.register(url));
      expect(answer, url).toMatchObject({ status: 422, code: 'CK_PHASE_DESCRIPTOR_INVALID' });
      expect(answer.detail, url).toContain('non-public address');
    }
    expect(cdn.requests).toBe(0);
  });

  describe('with 127.0.0.1 in DESCRIPTOR_ALLOWED_HOSTS', () => {
    let hostile: Awaited<ReturnType<typeof startServer>>;
    const sent = { bytes: 0 };

    beforeAll(async () => {
      hostile = await startServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (url.pathname === '/to-localhost') {
          res.writeHead(302, { location: `http://localhost:${cdn.port}/peer-review/phase.json` });
          return void res.end();
        }
        if (url.pathname === '/to-metadata') {
          res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' });
          return void res.end();
        }
        if (url.pathname.startsWith('/hop/')) {
          const left = Number(url.pathname.slice('/hop/'.length));
          res.writeHead(302, {
            location:
              left > 0 ? `/hop/${left - 1}` : `http://127.0.0.1:${cdn.port}/peer-review/phase.json`,
          });
          return void res.end();
        }
        if (url.pathname === '/huge') {
          // 50 MB without a content-length, written as fast as the reader takes it.
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          const write = () => {
            while (sent.bytes < 50_000_000) {
              sent.bytes += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', write);
            }
            res.end();
          };
          res.on('close', () => res.removeAllListeners('drain'));
          return write();
        }
        if (url.pathname === '/slow') {
          // Headers at once, then a body that never finishes.
          res.writeHead(200, { 'content-type': 'application/json' });
          return void res.write('{"name":');
        }
        res.writeHead(404).end();
      });
    });
    afterAll(async () => {
      hostile?.server.closeAllConnections();
      hostile?.server.close();
    });

    const at = (path: string) => `http://127.0.0.1:${hostile.port}${path}`;

    it('answers the same for a closed port, a 404 and a 500, and repeats nothing the server said', async () => {
      const talkative = await startServer((req, res) => {
        res.writeHead(req.url === '/missing' ? 404 : 500, { 'x-internal': 'secret' });
        res.end('internal stack trace: db password hunter2');
      });
      const closed = await startServer(() => undefined);
      await new Promise((resolve) => closed.server.close(resolve));
      try {
        const details = [];
        for (const url of [
          `http://127.0.0.1:${talkative.port}/missing`,
          `http://127.0.0.1:${talkative.port}/broken`,
          `http://127.0.0.1:${closed.port}/phase.json`,
        ]) {
          const answer = refusal(await allowing.register(url));
          expect(answer).toMatchObject({ status: 422, code: 'CK_PHASE_DESCRIPTOR_INVALID' });
          expect(answer.detail).not.toMatch(/hunter2|stack|secret|404|500|ECONNREFUSED/);
          details.push(answer.detail.replace(url, '<url>'));
        }
        expect(new Set(details).size).toBe(1);
      } finally {
        talkative.server.close();
      }
    });

    it('registers a build from an allowed host', async () => {
      const response = await allowing.register(
        `http://127.0.0.1:${cdn.port}/peer-review/phase.json`,
      );
      expect(response.statusCode).toBe(201);
    });

    it('checks every redirect hop: a hop to a non-public address is refused', async () => {
      for (const path of ['/to-localhost', '/to-metadata']) {
        const answer = refusal(await allowing.register(at(path)));
        expect(answer, path).toMatchObject({ status: 422, code: 'CK_PHASE_DESCRIPTOR_INVALID' });
        expect(answer.detail).toContain('non-public address');
        expect(answer.detail).not.toContain(String(cdn.port));
      }
    });

    it('follows at most three redirects', async () => {
      const answer = refusal(await allowing.register(at('/hop/3')));
      expect(answer).toMatchObject({ status: 422, code: 'CK_PHASE_DESCRIPTOR_INVALID' });
      expect(answer.detail).toContain('redirects more than 3 times');
      expect(refusal(await allowing.register(at('/hop/1'))).status).not.toBe(500);
    });

    it('stops reading a 50 MB body at the limit', async () => {
      const answer = refusal(await allowing.register(at('/huge')));
      expect(answer).toMatchObject({ status: 422, code: 'CK_PHASE_DESCRIPTOR_INVALID' });
      expect(answer.detail).toContain('larger than 1000000 bytes');
      expect(sent.bytes).toBeLessThan(10_000_000);
    });

    it('answers a slow body with 422 after the total time-out, never 500', async () => {
      const answer = refusal(await allowing.register(at('/slow')));
      expect(answer).toMatchObject({ status: 422, code: 'CK_PHASE_DESCRIPTOR_INVALID' });
      expect(answer.detail).toContain(`did not arrive within ${TIMEOUT_MS} ms`);
    });

    it('refuses a phase server on a non-public address, or whose name resolves to one', async () => {
      for (const serverUrl of ['http://169.254.169.254/', `http://localhost:${cdn.port}/`]) {
        const answer = refusal(
          await allowing.register(`http://127.0.0.1:${cdn.port}/grading/phase.json`, serverUrl),
        );
        expect(answer, serverUrl).toMatchObject({
          status: 422,
          code: 'CK_PHASE_DESCRIPTOR_INVALID',
        });
        expect(answer.detail).toContain(`The phase server at ${serverUrl} is on a non-public`);
      }
    });
    it('connects to a phase server only at an allowed address, checked as it connects', async () => {
      const phaseServer = await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
      const registry = allowing;
      try {
        const registered = await registry.register(
          `http://127.0.0.1:${cdn.port}/grading/phase.json`,
          `http://127.0.0.1:${phaseServer.port}`,
        );
        expect(registered.statusCode).toBe(201);
        const added = await registry.as(registry.admin, {
          method: 'POST',
          url: `/api/courses/${registry.t.courseId}/phases`,
          // Composition edits name the revision they read; `*` applies over any.
          headers: { 'if-match': '*' },
          payload: { phase: 'grading', title: 'Grading' },
        });
        const coursePhaseId = added.json().id;
        const lecturer = await registry.cookieOf(LECTURER);
        const token = async () =>
          (
            await registry.as(lecturer, {
              method: 'POST',
              url: `/api/course-phases/${coursePhaseId}/token`,
            })
          ).json().token as string;
        const viaGateway = async () =>
          registry.t.app.inject({
            url: '/phase-api/grading/anything',
            headers: { authorization: `Bearer ${await token()}` },
          });
        expect((await viaGateway()).statusCode).toBe(200);
        expect(phaseServer.requests).toBe(1);

        // The registered name now leads somewhere the policy refuses (as after a DNS change).
        await registry.t.testDb.db.query(
          "UPDATE phase_versions SET server_url = $1 WHERE phase_type = 'grading'",
          [`http://localhost:${phaseServer.port}`],
        );
        const refused = await viaGateway();
        expect(refused.statusCode).toBe(502);
        expect(refused.json().code).toBe('CK_PHASE_SERVER_UNREACHABLE');
        expect(phaseServer.requests).toBe(1);
      } finally {
        phaseServer.server.close();
      }
    });
  });
});
