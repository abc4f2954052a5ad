/**
 * Real processes for the deployment tests: registry replicas (`registry/dist/server.js`, exactly
 * what the image runs), nginx rendered from `deploy/nginx/coursekit.conf.template`, and fresh
 * PostgreSQL databases. Readiness is awaited by polling what a load balancer polls (`/readyz`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DEPLOY_DIR } from './kustomize.js';

export const REPO_ROOT = resolve(DEPLOY_DIR, '..');
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (!address || typeof address === 'string') throw new Error('Bug: no port');
  return address.port;
}

/** Poll `url` until it answers 2xx; fail with the process's output when it exits first. */
export async function waitReady(url: string, proc?: Managed, limitMs = 90_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (proc?.exited)
      throw new Error(`${proc.name} exited before ${url} was ready:\n${proc.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > limitMs)
      throw new Error(`${url} not ready after ${limitMs} ms:\n${proc?.output() ?? ''}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Poll a local condition (a file, a flag) until it holds, failing if `proc` exits first. */
export async function waitFor(condition: () => boolean, proc: Managed, limitMs = 30_000) {
  const started = Date.now();
  while (!condition()) {
    if (proc.exited) throw new Error(`${proc.name} exited:\n${proc.output()}`);
    if (Date.now() - started > limitMs)
      throw new Error(`${proc.name}: not started after ${limitMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export interface Managed {
  name: string;
  child: ChildProcess;
  exited: boolean;
  output(): string;
  /** SIGKILL, as a crashed node or an OOM kill would. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

function manage(name: string, child: ChildProcess): Managed {
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<void>((done) => child.once('exit', () => done()));
  const managed: Managed = {
    name,
    child,
    exited: false,
    output: () => log,
    kill9: async () => {
      if (!managed.exited) child.kill('SIGKILL');
      await exit;
    },
    stop: async () => {
      if (!managed.exited) child.kill('SIGTERM');
      await exit;
    },
  };
  void exit.then(() => {
    managed.exited = true;
  });
  return managed;
}

export interface Replica extends Managed {
  port: number;
  origin: string;
}

/**
 * Start one registry replica on `port`, against `databaseUrl` (PGlite in `dataDir` without one),
 * advertising `publicUrl`.
 */
export function startRegistry(options: {
  name: string;
  port: number;
  databaseUrl?: string;
  publicUrl: string;
  dataDir: string;
  env?: Record<string, string>;
}): Replica {
  const server = join(REPO_ROOT, 'registry/dist/server.js');
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [server], {
    cwd: join(REPO_ROOT, 'registry'),
    env: {
      PATH: process.env.PATH,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: options.publicUrl,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      COURSEKIT_DATA_DIR: options.dataDir,
      COURSEKIT_MODE: 'development',
      COURSEKIT_SEED_PHASES: join(REPO_ROOT, 'phases/intro-course/dist'),
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return Object.assign(manage(options.name, child), {
    port: options.port,
    origin: `http://127.0.0.1:${options.port}`,
  });
}

export function nginxBinary(): string {
  const candidates = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/bin/nginx'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found)
    throw new Error(
      'The replica test needs nginx: `apt-get install nginx` (Debian), or set NGINX_PATH. `.ci/run` installs it.',
    );
  return found;
}

/** nginx in front of `upstreams`, from the very template Compose uses. */
export async function startNginx(dir: string, port: number, upstreams: number[]): Promise<Managed> {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  // envsubst, as the nginx image does it, for the two variables the template names.
  const values: Record<string, string> = {
    COURSEKIT_UPSTREAMS: upstreams
      .map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`)
      .join('\n    '),
    NGINX_LISTEN: `127.0.0.1:${port}`,
  };
  const site = readFileSync(join(DEPLOY_DIR, 'nginx/coursekit.conf.template'), 'utf8').replace(
    /\$\{([A-Z_]+)\}/g,
    (_match, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`Bug: the template names \${${name}}, unknown here`);
      return value;
    },
  );
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`,
  );
  const user = process.getuid?.() === 0 ? ['-g', 'daemon off; user root;'] : ['-g', 'daemon off;'];
  const child = spawn(nginxBinary(), ['-p', dir, '-c', join(dir, 'nginx.conf'), ...user], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const nginx = manage('nginx', child);
  // nginx answers at once (502 while no replica is up); the pid file says it is listening.
  await waitFor(() => existsSync(join(dir, 'nginx.pid')), nginx);
  return nginx;
}

/** A fresh database on the test server; `drop()` removes it. */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ck_deploy_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
