/**
 * The host's page for a signed-in user on a course page (`/courses/:courseId/...`): the shell as
 * built, with what the host would otherwise ask for before it can render, written into it. That is
 * the user's `GET /api/me` answer and the course's resolve answer as one JSON data block
 * (`HostPageData`, never executed, so the page's policy needs no exception), and preload links for
 * the host's course-page chunk (`COURSE_PAGE_CHUNK`, which the host's build lists in
 * `HOST_CHUNK_PRELOADS_FILE`) and, when the build loads phases through Module Federation, the
 * current phase's first-render files (`phasePreloads`, the very requests the host makes later).
 * Everyone else, and every other page, gets the shell as built.
 *
 * The answers are the registry's own routes' answers to this request's cookies, taken with
 * `inject()`: the same access rules, caches and serialization as the host's requests, and no
 * second copy of what those routes decide. The page is then the user's own: `private, no-cache`,
 * `Vary: Cookie`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  COURSE_PAGE_CHUNK,
  HOST_CHUNK_PRELOADS_FILE,
  HOST_PAGE_DATA_ID,
  HostChunkPreloads,
  Id,
  type PhasePreload,
  phasePreloads,
  ResolvedCourse,
} from '@coursekit/phase-sdk/contract';
import { REQUEST_ID_HEADER } from '@coursekit/phase-sdk/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessionCookie.js';

/** `/courses/:courseId` and every path below it, as the host's router matches them. */
const COURSE_PAGE = /^\/courses\/([^/]+)(?:\/([^/]+))?/;

/** The course and course phase a page path names, when it is a course page. */
export function coursePageOf(path: string): { courseId: string; coursePhaseId?: string } | null {
  const match = COURSE_PAGE.exec(path);
  const courseId = match?.[1];
  if (!courseId || !Id.safeParse(courseId).success) return null;
  return { courseId, coursePhaseId: match[2] };
}

/**
 * A JSON text as the content of a `<script type="application/json">` element: every `<` escaped,
 * so that no `</script>` or `<!--` in a string can end or change the element, and the line and
 * paragraph separators too (JSON allows them raw; some parsers of the page's text do not).
 */
export function jsonDataBlock(id: string, json: string): string {
  const escaped = json
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
  return `<script type="application/json" id="${id}">${escaped}</script>`;
}

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** The `<link rel="preload">` of one file, with exactly the attributes the later request has. */
export function preloadLink(preload: PhasePreload): string {
  const attributes = [
    `rel="preload"`,
    `href="${escapeAttribute(preload.url)}"`,
    `as="${preload.as}"`,
    ...(preload.integrity ? [`integrity="${escapeAttribute(preload.integrity)}"`] : []),
    ...(preload.crossOrigin ? [`crossorigin="${preload.crossOrigin}"`] : []),
  ];
  return `<link ${attributes.join(' ')}>`;
}

/** `html` with `fragment` at the end of its `<head>` (or its end, for a shell without one). */
function intoHead(html: string, fragment: string): string {
  const at = html.indexOf('</head>');
  return at === -1 ? `${html}${fragment}` : `${html.slice(0, at)}${fragment}${html.slice(at)}`;
}

export class HostPageDocument {
  constructor(
    private readonly app: FastifyInstance,
    private readonly hostDist: string,
  ) {}

  /**
   * This request's own page, or `null` when it gets the shell as built: signed out, not a course
   * page, or a session the registry no longer knows.
   */
  async personal(request: FastifyRequest, path: string): Promise<string | null> {
    const page = coursePageOf(path);
    if (!page || !request.cookies[SESSION_COOKIE]) return null;
    const [me, resolved, shell, build] = await Promise.all([
      this.answer(request, '/api/me'),
      this.answer(request, `/api/courses/${page.courseId}/phases`),
      readFile(join(this.hostDist, 'index.html'), 'utf8'),
      this.buildPreloads(),
    ]);
    if (me === null) return null;
    const data = `{"me":${me}${resolved === null ? '' : `,"resolved":${resolved}`}}`;
    // Same origin, no integrity: exactly as the host's chunk loader requests them.
    const chunks = (build?.chunks[COURSE_PAGE_CHUNK] ?? []).map(({ file, as }) => ({
      url: `/${file}`,
      as,
    }));
    // A build with its phases bundled (the bench's monolith) never requests their remote files.
    const federated = build?.phases !== 'bundled';
    const preloads = [
      ...chunks,
      ...(resolved === null || !federated ? [] : this.phasePreloads(resolved, page.coursePhaseId)),
    ];
    return intoHead(
      shell,
      [...preloads.map(preloadLink), jsonDataBlock(HOST_PAGE_DATA_ID, data)].join(''),
    );
  }

  /** What the host's build lists for preloads; `null` for a build that lists nothing. */
  private async buildPreloads(): Promise<HostChunkPreloads | null> {
    try {
      return HostChunkPreloads.parse(
        JSON.parse(await readFile(join(this.hostDist, HOST_CHUNK_PRELOADS_FILE), 'utf8')),
      );
    } catch {
      return null;
    }
  }

  /** The current phase's first-render files, as the host will request them. */
  private phasePreloads(resolved: string, coursePhaseId: string | undefined): PhasePreload[] {
    if (!coursePhaseId) return [];
    const answer = ResolvedCourse.safeParse(JSON.parse(resolved));
    const phase = answer.data?.phases.find((p) => p.coursePhaseId === coursePhaseId);
    return phase ? phasePreloads(phase) : [];
  }

  /** The body of a `GET` route's 200 answer to this request's cookies, or `null`. */
  private async answer(request: FastifyRequest, url: string): Promise<string | null> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: {
        accept: 'application/json',
        cookie: request.headers.cookie ?? '',
        [REQUEST_ID_HEADER]: request.id,
      },
    });
    return response.statusCode === 200 ? response.body : null;
  }
}
