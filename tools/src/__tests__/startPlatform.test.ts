/**
 * `PORT=<port> npm start` end to end, after its build: the orchestrator starts the built registry
 * and matching server on PGlite in a temporary folder, says ready only once both answer `/readyz`,
 * and at that moment the gateway already reaches the matching server with a real phase token. Also:
 * a taken port is named before anything starts, and Ctrl-C leaves no server behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portIsFree } from '../portIsFree.js';

const START = fileURLToPath(new URL('../../dist/startPlatform.js', import.meta.url));
const HOST = '127.0.0.1';

/** A registry port whose matching port (+102) is free too. */
async function freePorts(): Promise<{ port: number; matchingPort: number }> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await portIsFree(port, HOST)) && (await portIsFree(port + 102, HOST))) {
      return { port, matchingPort: port + 102 };
    }
  }
}

interface Started {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function start(env: Record<string, string>, dataDir: string): Started {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HOST,
    COURSEKIT_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...env,
  };
  for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'CORE_URL', 'MATCHING_PORT']) {
    if (!(name in env)) delete childEnv[name];
  }
  const child = spawn(process.execPath, [START], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output, exited };
}

/** Resolves once the output contains `text`; rejects with the output if the process exits first. */
function outputShows(started: Started, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (started.output.join('').includes(text)) {
        started.child.stdout?.off('data', check);
        resolve();
      }
    };
    started.child.stdout?.on('data', check);
    check();
    void started.exited.then((code) =>
      reject(new Error(`exited (${code}) before "${text}":\n${started.output.join('')}`)),
    );
  });
}

describe('npm start (tools/startPlatform)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ck-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('on a PORT other than 4000', () => {
    let ports: { port: number; matchingPort: number };
    let started: Started;
    let base: string;
    beforeAll(async () => {
      ports = await freePorts();
      base = `http://${HOST}:${ports.port}`;
      started = start({ PORT: String(ports.port) }, join(dataDir, 'platform'));
      await outputShows(started, 'Coursekit is ready');
    });
    afterAll(async () => {
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
    });

    it('says ready only when every server answers /readyz, printing every URL', async () => {
      const registry = await fetch(`${base}/readyz`);
      const matching = await fetch(`http://${HOST}:${ports.matchingPort}/readyz`);
      expect([registry.status, matching.status]).toEqual([200, 200]);
      const text = started.output.join('');
      expect(text).toContain(`Coursekit is ready: open ${base}`);
      expect(text).toMatch(new RegExp(`matching\\s+http://${HOST}:${ports.matchingPort}`));
    });

    it('regression: the gateway reaches the matching server derived from PORT (both bound PORT)', async () => {
      const login = await fetch(`${base}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
        body: JSON.stringify({ email: 'lecturer@coursekit.test' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers
        .getSetCookie()
        .map((header) => header.split(';')[0])
        .join('; ');
      const get = async <T>(path: string, headers: Record<string, string> = { cookie }) => {
        const response = await fetch(`${base}${path}`, { headers });
        expect(response.status, `GET ${path}: ${await response.clone().text()}`).toBe(200);
        return (await response.json()) as T;
      };
      const [course] = await get<{ id: string }[]>('/api/courses');
      const { phases } = await get<{ phases: { phase: string; coursePhaseId: string }[] }>(
        `/api/courses/${course?.id}/phases`,
      );
      const matching = phases.find((phase) => phase.phase === 'matching');
      expect(matching, 'the seed enables the matching phase').toBeDefined();
      const tokenResponse = await fetch(
        `${base}/api/course-phases/${matching?.coursePhaseId}/token`,
        { method: 'POST', headers: { cookie, [CSRF_HEADER]: '1' } },
      );
      expect(tokenResponse.status).toBe(200);
      const { token } = (await tokenResponse.json()) as { token: string };
      const topics = await get<{ topics: unknown[] }>('/phase-api/matching/topics', {
        authorization: `Bearer ${token}`,
      });
      expect(topics.topics).toEqual([]);
    });

    it('stops every server on Ctrl-C and frees their ports', async () => {
      started.child.kill('SIGINT');
      expect(await started.exited).toBe(0);
      expect(await portIsFree(ports.port, HOST)).toBe(true);
      expect(await portIsFree(ports.matchingPort, HOST)).toBe(true);
    });
  });

  it('names a taken port, and the variable that moves it, before it starts anything', async () => {
    const ports = await freePorts();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(ports.matchingPort, HOST, resolve));
    try {
      const started = start({ PORT: String(ports.port) }, join(dataDir, 'taken'));
      expect(await started.exited).toBe(1);
      expect(started.output.join('')).toContain(
        `port ${ports.matchingPort} (matching, MATCHING_PORT) is in use`,
      );
      expect(await portIsFree(ports.port, HOST)).toBe(true);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
