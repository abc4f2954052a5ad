/**
 * A course phase of the sample course to test storage on: registers the `intro-course` build
 * served by `builds` (as the admin) and adds it to the course (as its lecturer).
 */
import { type PhaseBuildServer, phaseBuild } from './phaseBuildServer.js';
import type { TestApp } from './testApp.js';

/** Returns the new course phase's id. */
export async function addIntroCoursePhase(
  t: TestApp,
  builds: PhaseBuildServer,
  title = 'Welcome',
): Promise<string> {
  builds.publish('/intro-course/1.0.0', phaseBuild('intro-course', '1.0.0'));
  await t.as('admin@coursekit.test', {
    method: 'POST',
    url: '/api/phase-types',
    payload: { name: 'intro-course', title: 'Intro', kind: 'client-only' },
  });
  await t.as('admin@coursekit.test', {
    method: 'POST',
    url: '/api/phase-types/intro-course/versions',
    payload: { descriptorUrl: `${builds.origin}/intro-course/1.0.0/phase.json` },
  });
  const coursePhase = await t.as('lecturer@coursekit.test', {
    method: 'POST',
    url: `/api/courses/${t.courseId}/phases`,
    headers: { 'if-match': '*' },
    payload: { phase: 'intro-course', title },
  });
  if (coursePhase.statusCode !== 201)
    throw new Error(`Adding the intro-course phase failed: ${coursePhase.body}`);
  return coursePhase.json().id as string;
}
