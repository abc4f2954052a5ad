/**
 * What the registry writes into the host's page for a signed-in user on a course page, so that the
 * host renders without asking for it first: the `GET /api/me` answer and that course's resolve
 * answer (`GET /api/courses/:courseId/phases`), each exactly as its route answers this user. It
 * travels as a JSON data block, `<script type="application/json" id="coursekit-page-data">`,
 * which browsers never execute (the page's Content-Security-Policy needs no exception for it).
 */
import { z } from 'zod';
import { ResolvedCourse } from './coursePhase.js';
import { Me } from './user.js';

/** The `id` of the page's data block. */
export const HOST_PAGE_DATA_ID = 'coursekit-page-data';

export const HostPageData = z.object({
  me: Me,
  /** Absent when the user may not open the course (or it does not exist): the host asks itself. */
  resolved: ResolvedCourse.optional(),
});
export type HostPageData = z.infer<typeof HostPageData>;
