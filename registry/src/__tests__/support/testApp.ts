/**
 * A registry under test: the real server (`buildServer`) on a real database, driven with
 * `inject()`, with the seeded users and course, and helpers to sign in as each of them.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildServer, type ServerDeps } from '../../app.js';
import { type Config, loadConfig } from '../../config.js';
import { SESSION_COOKIE } from '../../modules/auth/sessionCookie.js';
import { CourseRepository } from '../../modules/courses/courseRepository.js';
import { SEED_COURSE, seed } from '../../seed/seed.js';
import { createTestDb, type Engine, type TestDb } from './testDb.js';

export interface TestApp {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` when listening, else the configured public URL. */
  origin: string;
  config: Config;
  testDb: TestDb;
  courseId: string;
  /** Session cookie header of a seeded (or added) user. */
  cookieOf(email: string): Promise<string>;
  /** `inject` as the given user (or anonymously with `null`). */
  as(email: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A port free right now, for servers whose URL must be known before they listen. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Build the registry on `engine`. With `listen`, it also serves real HTTP on `origin` (needed when
 * another process, a phase server or an identity provider, must reach it).
 */
export async function createTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  options: {
    listen?: boolean;
    beforeListen?: (app: FastifyInstance) => void;
    clock?: ServerDeps['clock'];
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-registry-test-'));
  const port = options.listen ? await freePort() : 0;
  const config = loadConfig({
    ...(options.listen ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    COURSEKIT_DATA_DIR: dataDir,
    COURSEKIT_HOST_DIST: join(dataDir, 'no-host'),
    COURSEKIT_SEED_PHASES: '',
    LOG_LEVEL: 'silent',
    // Scheduled probes only where a test asks for them (on-demand probes always work).
    HEALTH_PROBE_INTERVAL_SECONDS: '0',
    ...env,
  });
  const testDb = await createTestDb(engine);
  const app = await buildServer({ config, db: testDb.db, clock: options.clock });
  await seed(testDb.db, config, app.log);
  options.beforeListen?.(app);
  if (options.listen) await app.listen({ port, host: '127.0.0.1' });
  const course = await new CourseRepository(testDb.db).findBySlug(SEED_COURSE.slug);
  if (!course) throw new Error('Bug: the seed created no course.');

  const cookies = new Map<string, string>();
  const cookieOf = async (email: string) => {
    const known = cookies.get(email);
    if (known) return known;
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { [CSRF_HEADER]: '1' },
      payload: { email },
    });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (response.statusCode !== 200 || !cookie)
      throw new Error(`Sign-in as ${email} failed: ${response.body}`);
    const header = `${SESSION_COOKIE}=${cookie.value}`;
    cookies.set(email, header);
    return header;
  };

  return {
    app,
    origin: config.publicUrl,
    config,
    testDb,
    courseId: course.id,
    cookieOf,
    as: async (email, options) =>
      app.inject({
        ...options,
        headers: {
          [CSRF_HEADER]: '1',
          ...options.headers,
          ...(email ? { cookie: await cookieOf(email) } : {}),
        },
      }),
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}
