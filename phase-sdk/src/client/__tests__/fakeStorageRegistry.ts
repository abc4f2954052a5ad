/**
 * A fake registry for storage tests: a `fetch` that answers the storage routes over the test kit's
 * `InMemoryStorage` (so versions, conflicts, the size limit and the access rules are the ones the
 * registry shares with it), turned into HTTP as the registry answers (`ETag`, `If-Match` with 428
 * and 409 with `current`, problem+json), and records every request. The caller is `STUDENT_ID`
 * with the role `role` (default lecturer, who may do everything). `writeElsewhere` plays a write by
 * another user or tab.
 */
import { CoreApiError, CoreClient } from '../../client/index.js';
import {
  type CourseRole,
  type Problem,
  parseVersionTag,
  type StoredDocument,
  versionTag,
} from '../../contract/index.js';
import { InMemoryStorage } from '../../testing/index.js';
import type { DocumentLocation } from '../DocumentLocation.js';
import { DocumentTooLargeError } from '../DocumentTooLargeError.js';
import { VersionConflictError } from '../VersionConflictError.js';

export const COURSE_PHASE_ID = '00000000-0000-4000-8000-0000000000f1';
export const STUDENT_ID = '00000000-0000-4000-8000-000000000001';
export const OTHER_STUDENT_ID = '00000000-0000-4000-8000-000000000002';

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

function problem(status: number, code: string, detail: string, extra: object = {}): Response {
  const body: Problem & object = {
    type: 'about:blank',
    title: code,
    status,
    code,
    detail,
    ...extra,
  };
  return Response.json(body, {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

const DATA_PATH = new RegExp(
  `^/api/course-phases/${COURSE_PHASE_ID}/(?:participants/([^/]+)/)?data/([a-z]+)$`,
);

/** The document a storage path names, or `undefined` for any other path. */
function locationOf(path: string): DocumentLocation | undefined {
  const [, userId, scope] = DATA_PATH.exec(path) ?? [];
  if (userId && (scope === 'own' || scope === 'restricted')) {
    return { level: 'participant', scope, userId };
  }
  if (!userId && (scope === 'shared' || scope === 'restricted')) return { level: 'course', scope };
  return undefined;
}

/** What the registry answers for what the storage threw. */
function answerFor(error: unknown, conflictWithoutCurrent: boolean): Response {
  if (error instanceof VersionConflictError) {
    return problem(
      409,
      'CK_VERSION_CONFLICT',
      `The document is at version ${error.current.version}.`,
      conflictWithoutCurrent ? {} : { current: error.current },
    );
  }
  if (error instanceof DocumentTooLargeError) return problem(413, error.code, error.message);
  if (error instanceof CoreApiError) return problem(error.status, error.code, error.message);
  throw error;
}

export function fakeStorageRegistry(
  options: {
    participants?: { userId: string; email: string; name: string }[];
    /** Leave `current` out of 409 answers (as a proxy or an older registry might). */
    conflictWithoutCurrent?: boolean;
    /** The caller's role in the course. Default `lecturer`. */
    role?: CourseRole;
  } = {},
) {
  const memory = new InMemoryStorage({ participants: options.participants ?? [] });
  const storage = memory.forCaller({ userId: STUDENT_ID, role: options.role ?? 'lecturer' });
  const requests: RecordedRequest[] = [];
  /** Answers to use instead of the fake's own, one per request, in order (e.g. a 500). */
  const overrides: (Response | (() => Promise<Response>))[] = [];
  /**
   * Run before the next writes reach the fake, one per write: `writeElsewhere` to cause a
   * conflict, or a promise to hold the write in flight.
   */
  const beforeWrite: (() => unknown)[] = [];

  const answer = async (
    method: string,
    url: URL,
    headers: Headers,
    body: unknown,
  ): Promise<Response> => {
    if (url.pathname === `/api/course-phases/${COURSE_PHASE_ID}/participants`) {
      const scope = url.searchParams.get('scope') === 'restricted' ? 'restricted' : 'own';
      return Response.json(
        await storage.listParticipants(scope, {
          limit: Number(url.searchParams.get('limit') ?? 50),
          cursor: url.searchParams.get('cursor'),
        }),
      );
    }
    const location = locationOf(url.pathname);
    if (!location) return problem(404, 'CK_NOT_FOUND', `No route ${method} ${url.pathname}.`);
    if (method === 'PUT') await beforeWrite.shift()?.();
    const stored = async (): Promise<StoredDocument> => {
      if (method === 'GET') return storage.read(location);
      return storage.write(location, body, parseVersionTag(ifMatch ?? undefined) ?? -1);
    };
    const ifMatch = headers.get('if-match');
    if (method !== 'GET') {
      if (headers.get('x-coursekit-csrf') !== '1') {
        return problem(403, 'CK_CSRF', 'CSRF header missing.');
      }
      if (ifMatch === null) {
        return problem(428, 'CK_PRECONDITION_REQUIRED', 'Send If-Match with the version you read.');
      }
    }
    const document = await stored();
    return Response.json(document, { headers: { etag: versionTag(document.version) } });
  };

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://coursekit.test');
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path: url.pathname, search: url.search, headers, body });
    const override = overrides.shift();
    if (override) return typeof override === 'function' ? override() : override;
    try {
      return await answer(method, url, headers, body);
    } catch (error) {
      return answerFor(error, options.conflictWithoutCurrent ?? false);
    }
  };

  const at = (path: string): DocumentLocation => {
    const location = locationOf(path);
    if (!location) throw new Error(`Test bug: ${path} is no storage path of the fake.`);
    return location;
  };

  return {
    fetch,
    core: new CoreClient({ baseUrl: 'http://coursekit.test', fetch }),
    /** What is stored at a storage path now. */
    stored: (path: string) => memory.peekAt(at(path)),
    requests,
    overrides,
    beforeWrite,
    /** Store a document as someone else would: the next write based on the old version conflicts. */
    writeElsewhere: (path: string, doc: unknown) => memory.seedAt(at(path), doc, OTHER_STUDENT_ID),
    /** Requests that wrote (PUT), in order. */
    writes: () => requests.filter((request) => request.method === 'PUT'),
  };
}

export const paths = {
  shared: `/api/course-phases/${COURSE_PHASE_ID}/data/shared`,
  restricted: `/api/course-phases/${COURSE_PHASE_ID}/data/restricted`,
  own: (userId = STUDENT_ID) =>
    `/api/course-phases/${COURSE_PHASE_ID}/participants/${userId}/data/own`,
};
