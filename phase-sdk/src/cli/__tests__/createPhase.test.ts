/**
 * `create-coursekit-phase` end to end: both variants are scaffolded into a temporary folder,
 * built (rspack and tsc) and tested with their own scripts, as a phase developer would; bad and
 * taken names are refused with a clear message and leave no file behind.
 *
 * The SDK is not published, so the scaffolded packages find their dependencies through a
 * `node_modules` symlink to the monorepo's in the temporary folder. That keeps the monorepo's
 * tree untouched (no temporary workspace under `phases/` that a crash would leave behind for
 * turbo, Biome and npm to pick up) while resolving exactly the versions the monorepo tests.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha384 } from '../../build/index.js';
import { PhaseDescriptor } from '../../contract/index.js';
import { CreatePhaseError } from '../CreatePhaseError.js';
import { createPhase } from '../createPhase.js';
import { SDK_ROOT } from '../findTemplate.js';
import { nextSteps } from '../nextSteps.js';
import { phaseNames } from '../phaseNames.js';
import { runCli } from '../runCli.js';

const MONOREPO = join(SDK_ROOT, '..');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ck-create-phase-'));
  symlinkSync(join(MONOREPO, 'node_modules'), join(tmp, 'node_modules'), 'dir');
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Every file and folder under `dir` (relative paths), skipping node_modules and build output. */
function tree(dir: string, { filesOnly = false } = {}): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !filesOnly || entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => !/(^|\/)(node_modules|dist)(\/|$)/.test(path))
    .sort();
}

/** Run an npm script in `cwd`; resolve with its output, reject with it on failure. */
function npm(cwd: string, script: string): Promise<string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
  );
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`npm run ${script} in ${cwd} failed (${code}):\n${output}`)),
    );
  });
}

const quiet = () => {};

describe('create-coursekit-phase', () => {
  // Two rspack builds, two tsc runs and two test suites: minutes on busy cores; only a hang fails.
  it('scaffolds both variants that build and pass their own tests', async () => {
    const started = Date.now();
    const [full, clientOnly] = await Promise.all([
      createPhase({
        name: 'peer-review',
        server: true,
        dir: join(tmp, 'peer-review'),
        coreUrl: 'https://coursekit.example.com/',
        install: false,
        log: quiet,
      }),
      createPhase({
        name: 'notice-board',
        dir: join(tmp, 'notice-board'),
        install: false,
        log: quiet,
      }),
    ]);

    // Renamed through and through: no spelling of the template's name is left anywhere.
    for (const created of [full, clientOnly]) {
      for (const file of tree(created.dir, { filesOnly: true })) {
        expect(file).not.toMatch(/PhaseTemplate|variants/);
        expect(readFileSync(join(created.dir, file), 'utf8'), file).not.toMatch(
          /phase[-_ ]?template|4190|4191/i,
        );
      }
    }
    const pkg = JSON.parse(readFileSync(join(full.dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: '@coursekit/phase-peer-review',
      version: '0.1.0',
      coursekit: { phase: 'peer-review', title: 'Peer review', kind: 'client-and-server' },
    });
    expect(readFileSync(join(full.dir, 'server/migrations/0001_init.sql'), 'utf8')).toContain(
      'peer_review.notes',
    );
    expect(full.files).toContain('src/PeerReview.tsx');
    // --core-url: the server trusts that core's tokens, and nothing points at the default one.
    expect(readFileSync(join(full.dir, 'server/src/server.ts'), 'utf8')).toContain(
      "coreUrl: 'https://coursekit.example.com'",
    );
    for (const file of tree(full.dir, { filesOnly: true })) {
      expect(readFileSync(join(full.dir, file), 'utf8'), file).not.toContain('localhost:4000');
    }
    // A README about the new phase, with the whole loop, not one about the template.
    const readme = readFileSync(join(full.dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Peer review\n/);
    expect(readme).not.toMatch(/copies|create-coursekit-phase <name>/);
    for (const step of [
      'npm run dev ',
      'npm run dev:server',
      'npm run typecheck',
      'npm test',
      'type-checks first',
      'https://coursekit.example.com/courses?phase-override=peer-review@http://localhost:',
      '"serverUrl":"http://localhost:',
      '## Server configuration',
    ]) {
      expect(readme).toContain(step);
    }
    const leanReadme = readFileSync(join(clientOnly.dir, 'README.md'), 'utf8');
    expect(leanReadme).toMatch(/^# Notice board\n/);
    expect(leanReadme).toContain('npx coursekit-phase publish --registry http://localhost:4000');
    expect(leanReadme).not.toContain('dev:server');
    expect(full.files).toContain('.gitignore');

    const lean = JSON.parse(readFileSync(join(clientOnly.dir, 'package.json'), 'utf8'));
    expect(lean.coursekit).toEqual({
      phase: 'notice-board',
      title: 'Notice board',
      kind: 'client-only',
    });
    expect(Object.keys({ ...lean.dependencies, ...lean.devDependencies })).not.toContain('fastify');
    expect(existsSync(join(clientOnly.dir, 'server'))).toBe(false);
    expect(existsSync(join(clientOnly.dir, 'shared'))).toBe(false);
    const scaffolded = Date.now();

    // `npm run build` type-checks first.
    for (const created of [full, clientOnly]) {
      const { scripts } = JSON.parse(readFileSync(join(created.dir, 'package.json'), 'utf8'));
      expect(scripts.build).toMatch(/^tsc -p tsconfig.json --noEmit && /);
    }
    await Promise.all([npm(full.dir, 'build'), npm(clientOnly.dir, 'build')]);
    const built = Date.now();
    for (const [created, kind] of [
      [full, 'client-and-server'],
      [clientOnly, 'client-only'],
    ] as const) {
      const descriptor = PhaseDescriptor.parse(
        JSON.parse(readFileSync(join(created.dir, 'dist/phase.json'), 'utf8')),
      );
      expect(descriptor).toMatchObject({ name: created.names.phase, kind, version: '0.1.0' });
      // The integrity the registry records is that of the files the build wrote.
      for (const [file, integrity] of Object.entries(descriptor.integrity)) {
        expect(integrity).toBe(sha384(readFileSync(join(created.dir, 'dist', file))));
      }
    }
    expect(existsSync(join(full.dir, 'server/dist/server/src/server.js'))).toBe(true);

    await Promise.all([
      npm(full.dir, 'typecheck'),
      npm(clientOnly.dir, 'typecheck'),
      npm(full.dir, 'test'),
      npm(clientOnly.dir, 'test'),
    ]);
    const tested = Date.now();
    process.stdout.write(
      `create-coursekit-phase: scaffold ${scaffolded - started} ms, build ${built - scaffolded} ms, typecheck+test ${tested - built} ms\n`,
    );
  }, 900_000);

  it('refuses an invalid name and writes nothing', async () => {
    const before = tree(tmp);
    await expect(
      createPhase({ name: 'Peer_Review', dir: join(tmp, 'bad'), install: false, log: quiet }),
    ).rejects.toThrow(/"Peer_Review" is not a valid phase name: use lowercase letters/);
    await expect(
      createPhase({ name: undefined, cwd: tmp, install: false, log: quiet }),
    ).rejects.toThrow(/Name the phase/);
    expect(tree(tmp)).toEqual(before);
  });

  describe('in a workspace', () => {
    let ws: string;
    beforeAll(() => {
      ws = join(tmp, 'workspace');
      const write = (path: string, content: unknown) => {
        mkdirSync(join(ws, path, '..'), { recursive: true });
        writeFileSync(
          join(ws, path),
          typeof content === 'string' ? content : JSON.stringify(content),
        );
      };
      write('package.json', { name: 'ws', private: true, workspaces: ['phases/*', 'tools'] });
      write('phases/quiz/package.json', {
        name: '@coursekit/phase-quiz',
        coursekit: { phase: 'quiz' },
      });
      write('phases/quiz/rspack.config.mjs', 'definePhaseConfig({ devPort: 4102 })');
      write('phases/polls/package.json', { name: '@acme/polls', coursekit: { phase: 'survey' } });
      // A phase server from before the kit kept its port in config.ts; it still counts.
      write('phases/polls/server/src/config.ts', 'PORT: z.coerce.number().default(4105),');
      write('phases/quiz/server/src/server.ts', 'createPhaseServer({ port: 4106 })');
      write('tools/package.json', { name: '@coursekit/phase-tools' });
    });

    it.each([
      [
        'a phase folder',
        'quiz',
        /The phase name "quiz" is taken: .*phases\/quiz is @coursekit\/phase-quiz/,
      ],
      [
        'a phase name in another folder',
        'survey',
        /"survey" is taken: .*phases\/polls is @acme\/polls \(phase "survey"\)/,
      ],
      ['a package name', 'tools', /"tools" is taken: .*tools is @coursekit\/phase-tools/],
    ])('refuses a name taken by %s and writes nothing', async (_what, name, message) => {
      const before = tree(ws);
      await expect(createPhase({ name, cwd: ws, install: false, log: quiet })).rejects.toThrow(
        message,
      );
      await expect(
        createPhase({ name, cwd: ws, install: false, log: quiet }),
      ).rejects.toBeInstanceOf(CreatePhaseError);
      expect(tree(ws)).toEqual(before);
    });

    it('creates phases/<name> with free ports and prints how to build, run and register it', async () => {
      const lines: string[] = [];
      const created = await createPhase({
        name: 'team-finder',
        server: true,
        title: 'Team finder',
        cwd: join(ws, 'phases'),
        install: false,
        log: (line) => lines.push(line),
      });
      expect(relative(ws, created.dir)).toBe('phases/team-finder');
      // 4102 is the quiz's dev port, so the server gets 4103 and the remote 4104.
      expect(created.names).toMatchObject({ serverPort: 4103, devPort: 4104 });
      const second = await createPhase({
        name: 'team-finder-two',
        server: true,
        cwd: join(ws, 'phases'),
        install: false,
        log: () => {},
      });
      // 4103 and 4104 are the team finder's, 4105 the polls server's, 4106 the quiz server's.
      expect(second.names).toMatchObject({ serverPort: 4107, devPort: 4108 });
      expect(readFileSync(join(created.dir, 'rspack.config.mjs'), 'utf8')).toContain(
        'devPort: 4104',
      );
      expect(readFileSync(join(created.dir, 'server/src/server.ts'), 'utf8')).toContain(
        'port: 4103',
      );
      const out = lines.join('\n');
      expect(out).toContain('npm run build');
      expect(out).toContain('POST /api/phase-types ');
      expect(out).toContain(
        '{"descriptorUrl":"http://localhost:4104/phase.json","serverUrl":"http://localhost:4103"}',
      );
      // Every later change is tried with an override, not registered.
      expect(out).toContain('?phase-override=team-finder@http://localhost:4104/phase.json');
    });
  });

  it('teaches a client-only phase to publish once, then to try changes with an override', () => {
    const out = nextSteps({
      dir: 'phases/peer-review',
      names: phaseNames('peer-review', { serverPort: 4102, devPort: 4103 }),
      server: false,
      installed: true,
    });
    expect(out).toContain('npx coursekit-phase publish');
    expect(out).toContain(
      'http://localhost:4000/courses?phase-override=peer-review@http://localhost:4103/phase.json',
    );
    expect(out).toContain('Stop overriding peer-review');
    // No development URL is registered as a version.
    expect(out).not.toContain('/versions');
  });

  it('refuses a --core-url that is not an origin, and writes nothing', async () => {
    for (const coreUrl of [
      'localhost:4000',
      'ftp://core.example.com',
      'https://core.example.com/api',
    ]) {
      await expect(
        createPhase({
          name: 'x-phase',
          dir: join(tmp, 'x-phase'),
          coreUrl,
          install: false,
          log: quiet,
        }),
      ).rejects.toThrow(/--core-url must be the core's origin/);
    }
    expect(existsSync(join(tmp, 'x-phase'))).toBe(false);
  });

  it('refuses unknown flags with the usage, through the command line', async () => {
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) =>
      errors.push(chunk) > 0) as typeof process.stderr.write;
    try {
      expect(await runCli(['x', '--servre'])).toBe(1);
      expect(await runCli(['x', '--port', 'eighty'])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toMatch(
      /Unknown option '--servre'[\s\S]*Usage: create-coursekit-phase/,
    );
    expect(errors.join('')).toContain('--port must be a number (got "eighty")');
  });
});
