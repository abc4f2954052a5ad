/**
 * Core storage over HTTP: course-phase documents, participation documents and the staff listing.
 * Reads carry an `ETag` and answer `If-None-Match` with 304; writes need `If-Match`. Disabled
 * course phases refuse everything here (403) and keep their data.
 */
import {
  CourseDataParams,
  CoursePhaseIdParams,
  MAX_DOCUMENT_BYTES,
  ParticipantDataParams,
  ParticipantsPage,
  ParticipantsQuery,
  parseVersionTag,
  StorableDocument,
  StoredDocument,
  storableText,
  versionTag,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES, currentUser } from '../../plugins/authPlugin.js';
import { StorageService } from './StorageService.js';
import {
  courseDataAccess,
  participantDataAccess,
  participantListingAccess,
} from './storagePolicy.js';
import type { DocumentKey } from './storageRepository.js';

const IfMatch = z.object({ 'if-match': storableText().optional() }).loose();

/** The raw body may carry whitespace; the service enforces the limit on the compact document. */
const BODY_LIMIT = MAX_DOCUMENT_BYTES * 2;

function sendDocument(request: FastifyRequest, reply: FastifyReply, stored: StoredDocument) {
  const tag = versionTag(stored.version);
  reply.header('etag', tag).header('cache-control', 'no-cache');
  if (
    request.method === 'GET' &&
    parseVersionTag(request.headers['if-none-match']) === stored.version
  ) {
    return reply.code(304).send();
  }
  // Built here from the database row (its document was checked when it was written): sent as
  // JSON at once rather than checked against the contract again on every read and write.
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(stored));
}

export async function storageRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const storage = new StorageService(db, app.memberships);
  // Only course roles count inside a phase: an admin who is not a member is refused like anyone
  // else who is not (see roleCan in the contract).
  const courseRule = {
    coursePhase: ALL_ROLES,
    membersOnly: true,
    enabledOnly: true,
    allow: courseDataAccess,
  } as const;
  const participantRule = {
    coursePhase: ALL_ROLES,
    membersOnly: true,
    enabledOnly: true,
    allow: participantDataAccess,
  } as const;

  const courseKey = (params: z.infer<typeof CourseDataParams>): DocumentKey => ({
    kind: 'course',
    coursePhaseId: params.coursePhaseId,
    scope: params.scope,
  });
  const participantKey = (params: z.infer<typeof ParticipantDataParams>): DocumentKey => ({
    kind: 'participant',
    coursePhaseId: params.coursePhaseId,
    userId: params.userId.toLowerCase(),
    scope: params.scope,
  });

  r.get(
    '/api/course-phases/:coursePhaseId/data/:scope',
    {
      config: { access: courseRule },
      schema: {
        tags: ['storage'],
        summary: 'A course-phase document (shared: members; restricted: staff)',
        params: CourseDataParams,
        response: { 200: StoredDocument, 304: z.null() },
      },
    },
    async (request, reply) =>
      sendDocument(request, reply, await storage.read(courseKey(request.params))),
  );

  r.put(
    '/api/course-phases/:coursePhaseId/data/:scope',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: courseRule },
      schema: {
        tags: ['storage'],
        summary: 'Write a course-phase document over the version in If-Match (staff)',
        params: CourseDataParams,
        headers: IfMatch,
        body: StorableDocument,
        response: { 200: StoredDocument },
      },
    },
    async (request, reply) =>
      sendDocument(
        request,
        reply,
        await storage.write(
          courseKey(request.params),
          request.headers['if-match'],
          request.body,
          currentUser(request).id,
        ),
      ),
  );

  r.get(
    '/api/course-phases/:coursePhaseId/participants/:userId/data/:scope',
    {
      config: { access: participantRule },
      schema: {
        tags: ['storage'],
        summary: "A participant's document (own: the participant and staff; restricted: staff)",
        params: ParticipantDataParams,
        response: { 200: StoredDocument, 304: z.null() },
      },
    },
    async (request, reply) =>
      sendDocument(request, reply, await storage.read(participantKey(request.params))),
  );

  r.put(
    '/api/course-phases/:coursePhaseId/participants/:userId/data/:scope',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: participantRule },
      schema: {
        tags: ['storage'],
        summary: "Write a participant's document over the version in If-Match",
        params: ParticipantDataParams,
        headers: IfMatch,
        body: StorableDocument,
        response: { 200: StoredDocument },
      },
    },
    async (request, reply) =>
      sendDocument(
        request,
        reply,
        await storage.write(
          participantKey(request.params),
          request.headers['if-match'],
          request.body,
          currentUser(request).id,
        ),
      ),
  );

  r.get(
    '/api/course-phases/:coursePhaseId/participants',
    {
      config: {
        access: {
          coursePhase: ALL_ROLES,
          membersOnly: true,
          enabledOnly: true,
          allow: participantListingAccess,
        },
      },
      schema: {
        tags: ['storage'],
        summary: 'Every student of the course with their document in one scope, paged (staff)',
        params: CoursePhaseIdParams,
        querystring: ParticipantsQuery,
        response: { 200: ParticipantsPage },
      },
    },
    async (request) =>
      storage.participants(
        request.params.coursePhaseId,
        request.query.scope,
        request.query.limit,
        request.query.cursor,
      ),
  );
}
