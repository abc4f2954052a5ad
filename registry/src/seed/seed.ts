/**
 * Development seed: the users, course and composition that docs, demos and tests agree on, and the
 * sample client-only phases published under `/remotes/` and registered through the same validation
 * as any admin registration (so the seed proves the path works). Idempotent: safe on every start.
 */
import { randomUUID } from 'node:crypto';
import { cp, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  PHASE_DESCRIPTOR_FILE,
  type PhaseConfig,
  PhaseDescriptor,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { UserRepository } from '../modules/auth/userRepository.js';
import { bumpCompositionRevision } from '../modules/coursePhases/compositionRevision.js';
import { CoursePhaseRepository } from '../modules/coursePhases/coursePhaseRepository.js';
import { CourseRepository } from '../modules/courses/courseRepository.js';
import { PhaseTypeService } from '../modules/phaseTypes/PhaseTypeService.js';
import { PhaseTypeRepository } from '../modules/phaseTypes/phaseTypeRepository.js';
import { fetchPolicyOf } from '../net/safeFetch.js';

const person = { isAdmin: false, isDeveloper: false };
export const SEED_USERS = [
  { email: 'admin@coursekit.test', name: 'Ada Admin', ...person, isAdmin: true, role: null },
  { email: 'lecturer@coursekit.test', name: 'Lee Lecturer', ...person, role: 'lecturer' },
  { email: 'student1@coursekit.test', name: 'Sam Student', ...person, role: 'student' },
  { email: 'student2@coursekit.test', name: 'Kim Student', ...person, role: 'student' },
  { email: 'student3@coursekit.test', name: 'Alex Student', ...person, role: 'student' },
  // A phase developer who tries their builds in the sample course (see the phase override).
  {
    email: 'developer@coursekit.test',
    name: 'Dev Developer',
    ...person,
    isDeveloper: true,
    role: 'lecturer',
  },
] as const;

export const SEED_COURSE = {
  slug: 'se-essentials',
  title: 'Software Engineering Essentials',
  term: 'Winter 2026/27',
};

const SEED_COMPOSITION: { phase: string; title: string; config: PhaseConfig }[] = [
  { phase: 'intro-course', title: 'Welcome', config: {} },
  {
    phase: 'intro-course',
    title: 'Team kick-off',
    config: {
      steps: [
        'Meet your team',
        'Agree on a meeting time',
        'Create the team repository',
        'Write the team charter',
      ],
    },
  },
  { phase: 'matching', title: 'Project matching', config: {} },
];

/**
 * Put a copy of `source` at `target`, replacing what is there. Replicas sharing a data volume seed
 * at the same time: each copies into its own temporary folder and renames it into place, so no
 * replica ever sees (or serves) a half-copied bundle, and a replica that finds the folder already
 * replaced by another keeps that one (the bytes are the same build).
 */
async function replaceFolder(source: string, target: string): Promise<void> {
  // The descriptor lists every file's hash: the same descriptor is the same build, already there.
  const descriptorOf = (dir: string) =>
    readFile(join(dir, PHASE_DESCRIPTOR_FILE), 'utf8').catch(() => null);
  if ((await descriptorOf(target)) === (await descriptorOf(source))) return;
  const staging = `${target}.staging-${randomUUID()}`;
  await cp(source, staging, { recursive: true });
  const old = `${target}.old-${randomUUID()}`;
  try {
    await rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    await rm(staging, { recursive: true, force: true });
  }
  await rm(old, { recursive: true, force: true });
}

/** Copy a built phase into the remotes folder and register it; returns its name. */
async function publishSamplePhase(
  db: Db,
  config: Config,
  distDir: string,
  log: FastifyBaseLogger,
): Promise<string | null> {
  let descriptor: PhaseDescriptor;
  try {
    descriptor = PhaseDescriptor.parse(
      JSON.parse(await readFile(join(distDir, PHASE_DESCRIPTOR_FILE), 'utf8')),
    );
  } catch (error) {
    log.warn(
      { distDir, err: error },
      'sample phase not built or invalid; skipped (run the build first)',
    );
    return null;
  }
  const target = join(config.remotesDir, descriptor.name, descriptor.version);
  await replaceFolder(distDir, target);
  const types = new PhaseTypeRepository(db);
  await types.insert({
    name: descriptor.name,
    title: descriptor.title,
    kind: descriptor.kind,
    description: descriptor.description,
  });
  const url = `${config.publicUrl}/remotes/${descriptor.name}/${descriptor.version}/${PHASE_DESCRIPTOR_FILE}`;
  const serverUrl =
    descriptor.kind === 'client-and-server'
      ? (config.seedPhaseServers[descriptor.name] ?? null)
      : null;
  if (descriptor.kind === 'client-and-server' && !serverUrl) {
    log.warn(
      { phase: descriptor.name },
      'no server URL for this client-and-server sample phase (COURSEKIT_SEED_PHASE_SERVERS); skipped',
    );
    return null;
  }
  try {
    await new PhaseTypeService(db, fetchPolicyOf(config)).register(
      descriptor.name,
      { descriptorUrl: url, serverUrl },
      null,
      {
        refresh: true,
      },
    );
  } catch (error) {
    // A sample phase that cannot be registered must not keep the platform from starting.
    log.error(
      { phase: descriptor.name, err: error },
      'sample phase could not be registered; running without it',
    );
    return null;
  }
  log.info({ phase: descriptor.name, version: descriptor.version }, 'sample phase published');
  return descriptor.name;
}

export async function seed(db: Db, config: Config, log: FastifyBaseLogger): Promise<void> {
  const users = new UserRepository(db);
  const courses = new CourseRepository(db);
  const course =
    (await courses.insert(SEED_COURSE)) ?? (await courses.findBySlug(SEED_COURSE.slug));
  if (!course) throw new Error('Bug: the seed course could neither be created nor found.');
  for (const seedUser of SEED_USERS) {
    const { email, name, isAdmin, isDeveloper } = seedUser;
    const user = await users.upsert({ email, name, isAdmin, isDeveloper });
    if (seedUser.role) await courses.upsertMember(course.id, user.id, seedUser.role);
  }

  const published = new Set<string>();
  for (const dir of config.seedPhaseDirs) {
    const name = await publishSamplePhase(db, config, dir, log);
    if (name) published.add(name);
  }

  // Compose the sample course once; later starts keep whatever admins changed.
  const composition = new CoursePhaseRepository(db);
  if ((await composition.list(course.id)).length === 0) {
    let position = 0;
    for (const entry of SEED_COMPOSITION.filter((e) => published.has(e.phase))) {
      await composition.insert({
        courseId: course.id,
        phase: entry.phase,
        title: entry.title,
        position: position++,
        enabled: true,
        pin: 'latest',
        config: entry.config,
      });
    }
  }
  await bumpCompositionRevision(db);
}
