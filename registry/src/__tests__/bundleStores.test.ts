/**
 * One contract, two bundle stores: the same cases run against `FileBundleStore` (a folder) and
 * `S3BundleStore` (a real S3-compatible server, s3rver, over real HTTP). A build is stored whole
 * or not at all, the same bytes again are `same`, other bytes under a stored version are
 * `different` and change nothing, racing builds never mix their files, and a discarded build is
 * gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleStore } from '../modules/publish/BundleStore.js';
import { FileBundleStore } from '../modules/publish/FileBundleStore.js';
import { S3BundleStore } from '../modules/publish/S3BundleStore.js';
import { type ObjectStore, startObjectStore } from './support/objectStore.js';

interface Subject {
  store: BundleStore;
  close(): Promise<void>;
}

const SUBJECTS: [string, () => Promise<Subject>][] = [
  [
    'a folder',
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'ck-store-'));
      return {
        store: new FileBundleStore(root, 'http://registry.test/remotes/'),
        close: async () => rmSync(root, { recursive: true, force: true }),
      };
    },
  ],
  [
    'an S3 bucket (s3rver over HTTP)',
    async () => {
      const s3: ObjectStore = await startObjectStore();
      const store = new S3BundleStore(s3.options);
      return {
        store,
        close: async () => {
          store.close();
          await s3.close();
        },
      };
    },
  ],
];

const text = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString('utf8') : null);

/** A build of `phase`@`version` whose every file says which build it belongs to. */
function build(phase: string, version: string, mark: string) {
  const descriptor = Buffer.from(JSON.stringify({ name: phase, version, mark }));
  const files = new Map<string, Uint8Array>([
    ['phase.json', descriptor],
    ['mf-manifest.json', Buffer.from(`{"mark":"${mark}"}`)],
    ['remoteEntry.js', Buffer.from(`/* ${mark} */`)],
    ...Array.from(
      { length: 12 },
      (_, i) =>
        [`static/js/${i}.${mark}.js`, Buffer.from(`chunk ${i} of ${mark}`)] as [string, Uint8Array],
    ),
  ]);
  return { files, descriptor };
}

/** A file map whose iteration fails half-way, as a crash or a lost connection would. */
function failingHalfWay(files: Map<string, Uint8Array>): ReadonlyMap<string, Uint8Array> {
  const entries = [...files];
  const broken = new Map(files);
  broken[Symbol.iterator] = function* () {
    yield* entries.slice(0, entries.length / 2);
    throw new Error('the connection was lost');
  };
  broken.entries = broken[Symbol.iterator];
  return broken;
}

describe.each(SUBJECTS)('the bundle store contract on %s', (_name, open) => {
  let subject: Subject;
  let store: BundleStore;

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('stores a build whole and reads every file back', async () => {
    const { files, descriptor } = build('quiz', '1.0.0', 'a');
    const stored = await store.put('quiz', '1.0.0', files, descriptor);
    expect(stored.outcome).toBe('stored');
    expect(stored.baseUrl).toMatch(/\/quiz\/1\.0\.0\/(?:[0-9a-f]+\/)?$/);
    for (const [path, bytes] of files)
      expect(text(await store.read(stored.baseUrl, path)), path).toBe(text(bytes));
    expect(await store.read(stored.baseUrl, 'not-in-the-build.js')).toBeNull();
  });

  it('answers same for the same bytes, at the same URL', async () => {
    const { files, descriptor } = build('quiz', '1.0.0', 'a');
    const first = await store.put('quiz', '1.0.0', files, descriptor);
    const again = await store.put('quiz', '1.0.0', files, descriptor);
    expect(again).toEqual({ outcome: 'same', baseUrl: first.baseUrl });
  });

  it('answers different for other bytes under a stored version and keeps the first', async () => {
    const first = await store.put(
      'quiz',
      '1.0.0',
      build('quiz', '1.0.0', 'a').files,
      build('quiz', '1.0.0', 'a').descriptor,
    );
    const other = build('quiz', '1.0.0', 'b');
    expect((await store.put('quiz', '1.0.0', other.files, other.descriptor)).outcome).toBe(
      'different',
    );
    expect(text(await store.read(first.baseUrl, 'remoteEntry.js'))).toBe('/* a */');
  });

  it('leaves no build behind when a put fails half-way; the next put stores it', async () => {
    const { files, descriptor } = build('poll', '2.0.0', 'c');
    await expect(store.put('poll', '2.0.0', failingHalfWay(files), descriptor)).rejects.toThrow(
      'the connection was lost',
    );
    const stored = await store.put('poll', '2.0.0', files, descriptor);
    expect(stored.outcome).toBe('stored');
    for (const [path, bytes] of files)
      expect(text(await store.read(stored.baseUrl, path)), path).toBe(text(bytes));
  });

  it('never mixes the files of builds racing for one version', async () => {
    const marks = ['x', 'y', 'z', 'x'];
    const results = await Promise.all(
      marks.map((mark) => {
        const { files, descriptor } = build('race', '1.0.0', mark);
        return store.put('race', '1.0.0', files, descriptor);
      }),
    );
    expect(results.some((result) => result.outcome === 'stored')).toBe(true);
    for (const [i, result] of results.entries()) {
      if (result.outcome === 'different') continue;
      const mark = JSON.parse(text(await store.read(result.baseUrl, 'phase.json')) ?? '{}').mark;
      // Whatever a put reports as its build holds exactly one build's files.
      if (result.outcome === 'stored') expect(mark).toBe(marks[i]);
      for (const [path, bytes] of build('race', '1.0.0', mark).files)
        expect(text(await store.read(result.baseUrl, path)), path).toBe(text(bytes));
    }
  });

  it('discards a build it stored', async () => {
    const { files, descriptor } = build('gone', '1.0.0', 'd');
    const stored = await store.put('gone', '1.0.0', files, descriptor);
    await store.discard(stored.baseUrl);
    expect(await store.read(stored.baseUrl, 'phase.json')).toBeNull();
    expect(await store.read(stored.baseUrl, 'remoteEntry.js')).toBeNull();
    expect((await store.put('gone', '1.0.0', files, descriptor)).outcome).toBe('stored');
  });
});
