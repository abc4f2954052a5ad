/** The course reads of the shell, as query options shared by pages and router loaders. */
import type { CoreClient } from '@coursekit/phase-sdk/client';
import { queryOptions } from '@tanstack/react-query';

export function coursesQuery(core: CoreClient) {
  return queryOptions({
    queryKey: ['courses'],
    queryFn: () => core.courses(),
  });
}

/**
 * The resolve answer: the course with its ordered, enabled phases and their remote entries. Always
 * revalidated when used (navigation, window focus): the registry answers `no-cache` with an ETag,
 * so an unchanged answer costs a 304, and a changed pin reaches the next navigation.
 */
export function resolvedCourseQuery(core: CoreClient, courseId: string) {
  return queryOptions({
    queryKey: ['courses', courseId, 'phases'],
    queryFn: () => core.resolveCourse(courseId),
    staleTime: 0,
  });
}
