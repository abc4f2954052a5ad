/**
 * The resolve answer names a phase's first-render files (remote entry, synchronous JS and CSS of
 * `./Phase`), read from the build's MF manifest when the version is registered by URL or published
 * by upload, so that the host can fetch them together with the manifest. A manifest that cannot
 * tell them for certain gives none, and the host falls back to reading the manifest first.
 */
import {
  type PhaseFirstRender,
  phasePreloads,
  ResolvedCourse,
} from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRenderFiles } from '../modules/phaseTypes/firstRenderFiles.js';
import { compose } from './support/adminFixtures.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
  uploadBody,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const STUDENT = 'student1@coursekit.test';

const EXPOSE_JS = '__federation_expose_Phase.1a2b3c.js';
const EXPOSE_CSS = '__federation_expose_Phase.4d5e6f.css';
const FIRST_RENDER: PhaseFirstRender = {
  remoteEntry: 'remoteEntry.js',
  js: [EXPOSE_JS],
  css: [EXPOSE_CSS],
};

/** A build whose manifest names the ./Phase chunk and stylesheet, as rspack's MF plugin writes it. */
function buildWithExposeAssets(
  name: string,
  version: string,
  options: { publicPath?: string; listed?: boolean } = {},
): Record<string, unknown> {
  const { publicPath = 'auto', listed = true } = options;
  const assets = { [EXPOSE_JS]: 'export default 1;\n', [EXPOSE_CSS]: '.phase{}\n' };
  const build = phaseBuild(name, version, {
    manifest: {
      metaData: {
        publicPath,
        remoteEntry: { name: 'remoteEntry.js', path: '', type: 'global' },
      },
      exposes: [
        {
          id: `${name}:Phase`,
          name: 'Phase',
          path: './Phase',
          assets: {
            js: { sync: [EXPOSE_JS], async: [] },
            css: { sync: [EXPOSE_CSS], async: [] },
          },
        },
      ],
    },
    files: listed ? assets : {},
  });
  return listed ? build : { ...build, ...assets };
}

describe('firstRenderFiles', () => {
  const manifest = (exposeAssets: unknown, metaData: Record<string, unknown> = {}) => ({
    metaData: {
      remoteEntry: { name: 'remoteEntry.js', path: '' },
      publicPath: 'auto',
      ...metaData,
    },
    exposes: [{ path: './Phase', assets: exposeAssets }],
  });
  const assets = { js: { sync: ['p.js'], async: [] }, css: { sync: [], async: [] } };

  it('puts the files beside the manifest, where the MF runtime resolves them', () => {
    const descriptor = {
      manifest: 'client/mf-manifest.json',
      integrity: { 'client/remoteEntry.js': 'sha384-a', 'client/p.js': 'sha384-b' },
    };
    expect(firstRenderFiles(descriptor, manifest(assets))).toEqual({
      remoteEntry: 'client/remoteEntry.js',
      js: ['client/p.js'],
      css: [],
    } satisfies PhaseFirstRender);
  });

  it('tells nothing for a manifest it cannot read for certain', () => {
    const integrity = { 'remoteEntry.js': 'sha384-a', 'p.js': 'sha384-b' };
    const descriptor = { manifest: 'mf-manifest.json', integrity };
    expect(firstRenderFiles(descriptor, manifest(assets))).not.toBeNull();
    // Another public path: the files are not where the build folder says.
    expect(
      firstRenderFiles(descriptor, manifest(assets, { publicPath: 'https://cdn.example/' })),
    ).toBeNull();
    // No asset list (an older MF plugin), or a path that could leave the build folder.
    expect(firstRenderFiles(descriptor, manifest({}))).toBeNull();
    expect(
      firstRenderFiles(descriptor, manifest({ js: { sync: ['../p.js'] }, css: { sync: [] } })),
    ).toBeNull();
    // A file the build does not list: the host would refuse it.
    expect(
      firstRenderFiles(
        { manifest: 'mf-manifest.json', integrity: { 'remoteEntry.js': 'sha384-a' } },
        manifest(assets),
      ),
    ).toBeNull();
  });
});

describe.each(ENGINES)('first-render files in the resolve answer on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp(engine), startPhaseBuildServer()]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const registerByUrl = async (name: string, version: string, build: Record<string, unknown>) => {
    builds.publish(`/${name}/${version}`, build);
    if (
      (await t.as(ADMIN, { method: 'GET', url: `/api/phase-types/${name}/versions` }))
        .statusCode === 404
    ) {
      await t.as(ADMIN, {
        method: 'POST',
        url: '/api/phase-types',
        payload: { name, title: name, kind: 'client-only' },
      });
    }
    const response = await t.as(ADMIN, {
      method: 'POST',
      url: `/api/phase-types/${name}/versions`,
      payload: { descriptorUrl: `${builds.origin}/${name}/${version}/phase.json` },
    });
    expect(response.statusCode).toBe(201);
  };

  const addToCourse = async (phase: string) => {
    const response = await compose(t, LECTURER, t.courseId, {
      method: 'POST',
      payload: { phase, title: `Phase ${phase}` },
    });
    expect(response.statusCode).toBe(201);
  };

  const resolved = async (phase: string) => {
    const response = await t.as(STUDENT, {
      method: 'GET',
      url: `/api/courses/${t.courseId}/phases`,
    });
    expect(response.statusCode).toBe(200);
    const found = ResolvedCourse.parse(response.json()).phases.find((p) => p.phase === phase);
    if (!found) throw new Error(`${phase} is not in the resolve answer`);
    return found;
  };

  it('names them for a version registered by URL, ready for phasePreloads', async () => {
    await registerByUrl('quiz', '1.0.0', buildWithExposeAssets('quiz', '1.0.0'));
    await addToCourse('quiz');
    const phase = await resolved('quiz');
    expect(phase.remote.firstRender).toEqual(FIRST_RENDER);
    const folder = `${builds.origin}/quiz/1.0.0/`;
    expect(phasePreloads(phase).map(({ url, as }) => `${as} ${url}`)).toEqual([
      `fetch ${folder}mf-manifest.json`,
      `script ${folder}remoteEntry.js`,
      `script ${folder}${EXPOSE_JS}`,
      `style ${folder}${EXPOSE_CSS}`,
    ]);
  });

  it('names them for a version published by upload', async () => {
    const build = buildWithExposeAssets('poll', '2.0.0');
    const published = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: uploadBody(build),
    });
    expect(published.statusCode).toBe(201);
    await addToCourse('poll');
    const phase = await resolved('poll');
    expect(phase.remote.firstRender).toEqual(FIRST_RENDER);
    expect(phase.remote.baseUrl).toBe(`${t.origin}/remotes/poll/2.0.0/`);
  });

  it('a version registered before they were recorded gets them from its next health probe', async () => {
    // As a row from before the migration: no first-render files, and no cached answer naming them.
    await t.testDb.db.query(
      "UPDATE phase_versions SET first_render = NULL WHERE phase_type = 'quiz'",
    );
    await t.testDb.db.query('UPDATE composition_revision SET revision = revision + 1');
    const unrelatedChange = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'unused', title: 'Unused', kind: 'client-only' },
    });
    expect(unrelatedChange.statusCode).toBe(201);
    expect((await resolved('quiz')).remote.firstRender).toBeUndefined();

    const probes = await t.as(ADMIN, { method: 'POST', url: '/api/admin/health-probes' });
    expect(probes.statusCode).toBe(200);

    expect((await resolved('quiz')).remote.firstRender).toEqual(FIRST_RENDER);
  });

  it('names none when the manifest cannot tell them, and the phase still resolves', async () => {
    await registerByUrl(
      'survey',
      '1.0.0',
      buildWithExposeAssets('survey', '1.0.0', { listed: false }),
    );
    await addToCourse('survey');
    const phase = await resolved('survey');
    expect(phase.remote.firstRender).toBeUndefined();
    expect(phase.remote.entry).toBe(`${builds.origin}/survey/1.0.0/mf-manifest.json`);
    expect(phasePreloads(phase)).toEqual([
      { url: phase.remote.entry, as: 'fetch', crossOrigin: 'anonymous' },
    ]);
  });
});
