/**
 * Helpers of the admin console suites: a tiny phase server whose readiness a test switches, and
 * composition calls that read the revision first, as the console does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './testApp.js';

export interface ReadinessServer {
  url: string;
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

/** A phase server stand-in whose `/readyz` answers 200 or 503 as the test says. */
export async function startReadinessServer(): Promise<ReadinessServer> {
  let ready = true;
  const server: Server = createServer((request, response) => {
    if (request.url === '/readyz') response.writeHead(ready ? 200 : 503).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setReady: (value) => {
      ready = value;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The course's composition and its ETag, as `email` reads them. */
export async function readComposition(t: TestApp, email: string, courseId: string) {
  const response = await t.as(email, {
    method: 'GET',
    url: `/api/courses/${courseId}/composition`,
  });
  if (response.statusCode !== 200) throw new Error(`composition: ${response.body}`);
  return { etag: String(response.headers.etag), body: response.json() };
}

/** A composition change based on the current revision (read just before). */
export async function compose(
  t: TestApp,
  email: string,
  courseId: string,
  request: { method: 'POST' | 'PATCH'; path?: string; payload: unknown },
): Promise<LightMyRequestResponse> {
  const { etag } = await readComposition(t, email, courseId);
  return t.as(email, {
    method: request.method,
    url: `/api/courses/${courseId}/phases${request.path ?? ''}`,
    headers: { 'if-match': etag },
    payload: request.payload as Record<string, unknown>,
  });
}
