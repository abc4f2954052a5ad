/**
 * What the registry writes into the host's page for a signed-in user on a course page, so that the
 * host renders without asking for it first: the `GET /api/me` answer and that course's resolve
 * answer (`GET /api/courses/:courseId/phases`), each exactly as its route answers this user. It
 * travels as a JSON data block, `<script type="application/json" id="coursekit-page-data">`,
 * which browsers never execute (the page's Content-Security-Policy needs no exception for it).
 *
 * The host's build also tells the registry which of its chunks a page will import at once: the
 * course pages' code is a chunk of its own (`COURSE_PAGE_CHUNK`), which the sign-in page never
 * loads and a course page's HTML preloads (`HostChunkPreloads`, in `HOST_CHUNK_PRELOADS_FILE`).
 */
import { z } from 'zod';
import { ResolvedCourse } from './coursePhase.js';
import { storableText } from './storable.js';
import { Me } from './user.js';

/** The `id` of the page's data block. */
export const HOST_PAGE_DATA_ID = 'coursekit-page-data';

export const HostPageData = z.object({
  me: Me,
  /** Absent when the user may not open the course (or it does not exist): the host asks itself. */
  resolved: ResolvedCourse.optional(),
});
export type HostPageData = z.infer<typeof HostPageData>;

/** The file of the host's build that lists its named chunks' files (`HostChunkPreloads`). */
export const HOST_CHUNK_PRELOADS_FILE = 'chunk-preloads.json';

/** The host's chunk with the course pages (`/courses/:courseId/...`). */
export const COURSE_PAGE_CHUNK = 'course';

/**
 * What a server needs to know of a host build to preload a page's files: how the build gets its
 * phases, and per named chunk the files it needs beyond those every page starts with, relative to
 * the host's public path, with the `as` of their preload.
 */
export const HostChunkPreloads = z.object({
  /**
   * `federated`: the host loads phases at run time, so a course page preloads the current
   * phase's files (`phasePreloads`). `bundled`: the phases' code is in the build's own chunks
   * (the bench's monolith baseline), and preloading their remote files would only waste bytes.
   */
  phases: z.enum(['federated', 'bundled']),
  chunks: z.record(
    storableText(),
    z.array(z.object({ file: storableText(), as: z.enum(['script', 'style']) })),
  ),
});
export type HostChunkPreloads = z.infer<typeof HostChunkPreloads>;
