/**
 * The change-feed topics of the course caches, and the one place that publishes them. Memberships
 * and compositions change only through a handful of admin and lecturer routes, and rarely; rather
 * than having each of those remember to tell the caches, every successful changing `/api` request
 * (the handler has committed by then) drops the course caches of every replica before its answer
 * leaves: a route added later is covered without knowing about caches. The hot changing routes
 * that touch neither (storage documents, phase tokens, telemetry, sign-in) are left out.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Course membership and roles (`course_members`). */
export const MEMBERSHIPS_TOPIC = 'memberships';
/** What a course resolves to: its course phases, pins, phase versions and their statuses. */
export const COMPOSITION_TOPIC = 'composition';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNRELATED = ['/api/course-phases/', '/api/phase-loads', '/api/auth/'];

/** Whether a request, answered with `status`, may have changed memberships or compositions. */
export function changesCourses(method: string, route: string | undefined, status: number): boolean {
  if (!CHANGING.has(method) || status >= 400 || !route?.startsWith('/api/')) return false;
  return !UNRELATED.some((prefix) => route.startsWith(prefix));
}

/**
 * An `onSend` hook that publishes both topics after such a request. It runs on every answer, so it
 * is a callback hook: only the rare answer that publishes waits for anything.
 */
export function publishCourseChanges(app: FastifyInstance) {
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: Error | null, payload?: unknown) => void,
  ) => {
    if (!changesCourses(request.method, request.routeOptions.url, reply.statusCode)) {
      return done(null, payload);
    }
    app.changes
      .publish(MEMBERSHIPS_TOPIC)
      .then(() => app.changes.publish(COMPOSITION_TOPIC))
      .then(
        () => done(null, payload),
        (error: Error) => done(error),
      );
  };
}
