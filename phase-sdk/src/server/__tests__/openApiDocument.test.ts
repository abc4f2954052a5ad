/**
 * Every phase server's OpenAPI document passes an independent validator, with every `$ref`
 * resolved. Regression: the registry once published `$ref`s to `#/components/schemas/schema0` with
 * no such component, and client generators refused the document.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute, storableJson, storableText } from '../../contract/index.js';
import { createPhaseServer, type PhaseModuleDeps, serveRoute } from '../index.js';
import {
  createTestPhaseServer,
  findOpenApiProblems,
  type TestPhaseServer,
} from '../testing/index.js';
import { server } from './fixture/server.js';

const documentOf = async (t: TestPhaseServer) =>
  (await t.app.inject({ url: '/openapi.json' })).json();

describe('findOpenApiProblems', () => {
  const minimal = {
    openapi: '3.0.3',
    info: { title: 'x', version: '1' },
    paths: {
      '/x': {
        get: {
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/schema0' } } },
            },
          },
        },
      },
    },
    components: { schemas: {} },
  };

  it('regression: names a $ref that points to no component', async () => {
    expect(await findOpenApiProblems(minimal)).toEqual([
      expect.stringContaining('#/components/schemas/schema0'),
    ]);
  });

  it('passes the same document once the component exists', async () => {
    const fixed = { ...minimal, components: { schemas: { schema0: { type: 'object' } } } };
    expect(await findOpenApiProblems(fixed)).toEqual([]);
  });

  it('names what breaks the OpenAPI schema', async () => {
    const problems = await findOpenApiProblems({ ...minimal, info: { title: 'x' } });
    expect(problems.join('\n')).toContain('version');
  });

  it('refuses what is no document at all', async () => {
    expect(await findOpenApiProblems('openapi')).toHaveLength(1);
  });
});

describe("a phase server's OpenAPI document", () => {
  let t: TestPhaseServer;

  beforeAll(async () => {
    t = await createTestPhaseServer(server);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('passes an independent OpenAPI validator', async () => {
    expect(await findOpenApiProblems(await documentOf(t))).toEqual([]);
  });
});

describe('regression: named and JSON schemas in a contract', () => {
  // A schema named with `.meta({ id })` is emitted as a `$ref`; without the components it names,
  // the document was invalid. JSON documents (recursive by nature) are published unconstrained.
  const Tag = z.object({ label: storableText() }).meta({ id: 'KitFixtureTag' });
  const routes = {
    tag: defineRoute({
      method: 'POST',
      path: '/tags',
      summary: 'Echo a tag and a document.',
      body: z.object({ tag: Tag, doc: storableJson() }),
      response: z.object({ tag: Tag, doc: storableJson() }),
    }),
  } as const;
  const tagRoutes = async (app: FastifyInstance, _deps: PhaseModuleDeps) => {
    serveRoute(app, routes.tag, ({ body }) => body);
  };
  let t: TestPhaseServer;

  beforeAll(async () => {
    const named = createPhaseServer({
      entry: new URL('./fixture/server.ts', import.meta.url).href,
      port: 4481,
      modules: [tagRoutes],
    });
    t = await createTestPhaseServer(named);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes every component its $refs name, and passes the validator', async () => {
    const doc = await documentOf(t);
    expect(JSON.stringify(doc.paths['/tags'])).toContain('#/components/schemas/KitFixtureTag');
    expect(await findOpenApiProblems(doc)).toEqual([]);
  });
});
