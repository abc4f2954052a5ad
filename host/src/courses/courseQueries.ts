/** The course reads of the shell, as query options shared by pages and router loaders. */
import type { CoreClient } from '@coursekit/phase-sdk/client';
import type { ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { type QueryClient, queryOptions } from '@tanstack/react-query';

export function coursesQuery(core: CoreClient) {
  return queryOptions({
    queryKey: ['courses'],
    queryFn: () => core.courses(),
  });
}

/** Resolve answers the page was served with (`seedFromPage`), until its first navigation is done. */
const servedWithPage = new WeakSet<ResolvedCourse>();

/**
 * The resolve answer: the course with its ordered, enabled phases and their remote entries. Always
 * revalidated when used (navigation, window focus): the registry answers `no-cache` with an ETag,
 * so an unchanged answer costs a 304, and a changed pin reaches the next navigation. The answer the
 * page was served with is the exception while the page's own navigation loads: it is as fresh as
 * that navigation, so the phase starts loading at once instead of after another round trip.
 */
export function resolvedCourseQuery(core: CoreClient, courseId: string) {
  return queryOptions({
    queryKey: ['courses', courseId, 'phases'],
    queryFn: () => core.resolveCourse(courseId),
    staleTime: (query) =>
      query.state.data && servedWithPage.has(query.state.data) ? Number.POSITIVE_INFINITY : 0,
  });
}

/**
 * Puts the resolve answer the page was served with into the cache, fresh until the returned
 * function is called (once the page's first navigation has loaded); from then on it is
 * revalidated like any other.
 */
export function seedResolvedCourse(
  queryClient: QueryClient,
  core: CoreClient,
  answer: ResolvedCourse,
): () => void {
  servedWithPage.add(answer);
  queryClient.setQueryData(resolvedCourseQuery(core, answer.course.id).queryKey, answer);
  return () => {
    servedWithPage.delete(answer);
  };
}
