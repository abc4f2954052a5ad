/**
 * Phase servers hold only their own code: the template's and every sample phase's `server/src`
 * contains `modules/` (their features), `__tests__/` and a server entry of a few lines, and
 * `server/` beside it only `migrations/` and the TypeScript configs. Everything generic (config,
 * database, errors, health, OpenAPI, CORS, tokens, start and stop) comes from this SDK's kit, so a
 * platform fix reaches every phase by an SDK upgrade. Regression for copies of platform code
 * drifting apart between the template and the phases scaffolded from it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SDK_ROOT } from '../../cli/findTemplate.js';

const MONOREPO = join(SDK_ROOT, '..');
const SERVER_ENTRY_MAX_LINES = 30;
/** Packages a phase server must not import itself: the kit owns them. */
const PLATFORM_IMPORTS =
  /from '(pg|@electric-sql\/pglite|fastify-plugin|fastify-type-provider-zod|@fastify\/[\w-]+)'/;

const phaseServers = [
  join(MONOREPO, 'phase-server-template'),
  ...readdirSync(join(MONOREPO, 'phases')).map((name) => join(MONOREPO, 'phases', name)),
].filter((dir) => existsSync(join(dir, 'server')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('phase servers hold only their own code', () => {
  it('finds the template and the sample phase servers', () => {
    expect(phaseServers.map((dir) => relative(MONOREPO, dir))).toEqual(
      expect.arrayContaining(['phase-server-template', join('phases', 'matching')]),
    );
  });

  describe.each(phaseServers.map((dir) => [relative(MONOREPO, dir), dir]))('%s', (_name, dir) => {
    const server = join(dir, 'server');

    it('has only modules/, __tests__/ and server.ts in server/src', () => {
      expect(readdirSync(join(server, 'src')).sort()).toEqual(
        expect.arrayContaining(['modules', 'server.ts']),
      );
      for (const entry of readdirSync(join(server, 'src'))) {
        expect(['__tests__', 'modules', 'server.ts'], `server/src/${entry}`).toContain(entry);
      }
    });

    it('has only src, migrations and its TypeScript configs in server/', () => {
      for (const entry of readdirSync(server)) {
        expect(
          ['dist', 'migrations', 'src', 'tsconfig.build.json', 'tsconfig.json'],
          `server/${entry}`,
        ).toContain(entry);
      }
    });

    it(`keeps its server entry within ${SERVER_ENTRY_MAX_LINES} lines`, () => {
      const lines = readFileSync(join(server, 'src', 'server.ts'), 'utf8')
        .trimEnd()
        .split('\n');
      expect(lines.length).toBeLessThanOrEqual(SERVER_ENTRY_MAX_LINES);
    });

    it('imports no platform package itself (the kit owns them)', () => {
      for (const file of sourceFiles(join(server, 'src'))) {
        expect(readFileSync(file, 'utf8'), relative(dir, file)).not.toMatch(PLATFORM_IMPORTS);
      }
    });
  });
});
