/**
 * A real HTTP server that publishes phase builds the way a CDN would, so registration is tested
 * over real HTTP: `publish(path, files)` makes `files` downloadable under `path`.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SDK_VERSION } from '@coursekit/phase-sdk/contract';

export interface PhaseBuildServer {
  origin: string;
  publish(path: string, files: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function startPhaseBuildServer(): Promise<PhaseBuildServer> {
  const files = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const body = files.get(request.url ?? '');
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    publish(path, published) {
      for (const [name, content] of Object.entries(published)) {
        files.set(
          `${path}/${name}`,
          typeof content === 'string' ? content : JSON.stringify(content),
        );
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const sha384 = (content: string | Buffer): string =>
  `sha384-${createHash('sha384').update(content).digest('base64')}`;

/**
 * The files of a valid build of `name@version`, with the integrity of each file in `phase.json`;
 * override parts to make it invalid (an override of `integrity` replaces the computed one).
 */
export function phaseBuild(
  name: string,
  version: string,
  overrides: {
    descriptor?: Record<string, unknown>;
    manifest?: Record<string, unknown>;
    /** More files of the build (chunks, source maps), listed in its integrity. */
    files?: Record<string, string>;
  } = {},
): Record<string, unknown> {
  const files: Record<string, string> = {
    'mf-manifest.json': JSON.stringify({
      id: name,
      name,
      metaData: { remoteEntry: { name: 'remoteEntry.js', path: '', type: 'global' } },
      shared: [],
      remotes: [],
      exposes: [{ id: `${name}:Phase`, name: 'Phase', path: './Phase', assets: {} }],
      ...overrides.manifest,
    }),
    'remoteEntry.js': `globalThis[${JSON.stringify(name)}] = { version: ${JSON.stringify(version)} };\n`,
    ...overrides.files,
  };
  return {
    'phase.json': {
      name,
      version,
      title: `Phase ${name}`,
      description: '',
      kind: 'client-only',
      sdk: `^${SDK_VERSION}`,
      manifest: 'mf-manifest.json',
      exposes: ['./Phase'],
      integrity: Object.fromEntries(
        Object.entries(files).map(([file, content]) => [file, sha384(content)]),
      ),
      ...overrides.descriptor,
    },
    ...files,
  };
}

/** The `POST /api/phase-bundles` body of a build: every file as base64. */
export function uploadBody(build: Record<string, unknown>): { files: Record<string, string> } {
  return {
    files: Object.fromEntries(
      Object.entries(build).map(([path, content]) => [
        path,
        (content instanceof Uint8Array
          ? Buffer.from(content)
          : Buffer.from(typeof content === 'string' ? content : JSON.stringify(content))
        ).toString('base64'),
      ]),
    ),
  };
}
