/**
 * A fake registry for storage tests: a `fetch` that answers the storage routes the way the real
 * one does (versions, `If-Match`, 409 with `current`, 428, problem+json), keeps documents in
 * memory and records every request. `writeElsewhere` plays a write by another user or tab.
 */
import { CoreClient } from '../../client/index.js';
import {
  type ParticipantDocument,
  type Problem,
  parseVersionTag,
  type StoredDocument,
  versionTag,
} from '../../contract/index.js';

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

const EMPTY: StoredDocument = { version: 0, doc: null, updatedAt: null, updatedBy: null };

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

export function fakeStorageRegistry(
  options: {
    participants?: { userId: string; email: string; name: string }[];
    /** Leave `current` out of 409 answers (as a proxy or an older registry might). */
    conflictWithoutCurrent?: boolean;
  } = {},
) {
  const documents = new Map<string, StoredDocument>();
  const requests: RecordedRequest[] = [];
  /** Answers to use instead of the fake's own, one per request, in order (e.g. a 500). */
  const overrides: (Response | (() => Promise<Response>))[] = [];
  /**
   * Run before the next writes reach the fake, one per write: `writeElsewhere` to cause a
   * conflict, or a promise to hold the write in flight.
   */
  const beforeWrite: (() => unknown)[] = [];

  const store = (path: string, doc: unknown, by: string | null) => {
    const previous = documents.get(path) ?? EMPTY;
    const stored: StoredDocument = {
      version: previous.version + 1,
      doc: doc as StoredDocument['doc'],
      updatedAt: new Date().toISOString(),
      updatedBy: by,
    };
    documents.set(path, stored);
    return stored;
  };

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://coursekit.test');
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path: url.pathname, search: url.search, headers, body });
    const override = overrides.shift();
    if (override) return typeof override === 'function' ? override() : override;

    if (url.pathname === `/api/course-phases/${COURSE_PHASE_ID}/participants`) {
      const scope = url.searchParams.get('scope') ?? 'own';
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const all = options.participants ?? [];
      const items: ParticipantDocument[] = all.slice(start, start + limit).map((p) => ({
        ...p,
        ...(documents.get(
          `/api/course-phases/${COURSE_PHASE_ID}/participants/${p.userId}/data/${scope}`,
        ) ?? EMPTY),
      }));
      const nextCursor = start + limit < all.length ? String(start + limit) : null;
      return Response.json({ items, nextCursor });
    }
    if (!/^\/api\/course-phases\/[^/]+\/(participants\/[^/]+\/)?data\/[a-z]+$/.test(url.pathname)) {
      return problem(404, 'CK_NOT_FOUND', `No route ${method} ${url.pathname}.`);
    }
    if (method === 'PUT') await beforeWrite.shift()?.();
    const current = documents.get(url.pathname) ?? EMPTY;
    if (method === 'GET') {
      return Response.json(current, { headers: { etag: versionTag(current.version) } });
    }
    if (headers.get(`x-coursekit-csrf`) !== '1')
      return problem(403, 'CK_CSRF', 'CSRF header missing.');
    const ifMatch = headers.get('if-match');
    if (ifMatch === null) {
      return problem(428, 'CK_PRECONDITION_REQUIRED', 'Send If-Match with the version you read.');
    }
    if (parseVersionTag(ifMatch) !== current.version) {
      return problem(
        409,
        'CK_VERSION_CONFLICT',
        `The document is at version ${current.version}.`,
        options.conflictWithoutCurrent ? {} : { current },
      );
    }
    const stored = store(url.pathname, body, STUDENT_ID);
    return Response.json(stored, { headers: { etag: versionTag(stored.version) } });
  };

  return {
    fetch,
    core: new CoreClient({ baseUrl: 'http://coursekit.test', fetch }),
    documents,
    requests,
    overrides,
    beforeWrite,
    /** Store a document as someone else would: the next write based on the old version conflicts. */
    writeElsewhere: (path: string, doc: unknown) => store(path, doc, OTHER_STUDENT_ID),
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
