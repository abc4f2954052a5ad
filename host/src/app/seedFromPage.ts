/**
 * Seeds the query cache with the answers the registry wrote into a course page (`HostPageData`:
 * the session and the course's resolve answer), before the first render, so that the page renders
 * and its phase starts loading without waiting for `/api/me` and the resolve route. A page without
 * them (signed out, another page) or with a block this host cannot read leaves the cache empty, and
 * the host asks the registry as it always does.
 */
import type { CoreClient } from '@coursekit/phase-sdk/client';
import { HOST_PAGE_DATA_ID, HostPageData } from '@coursekit/phase-sdk/contract';
import type { QueryClient } from '@tanstack/react-query';
import { sessionQueryKey } from '../auth/sessionQuery';
import { seedResolvedCourse } from '../courses/courseQueries';

function readPageData(page: Document): HostPageData | null {
  const text = page.getElementById(HOST_PAGE_DATA_ID)?.textContent;
  if (!text) return null;
  try {
    return HostPageData.safeParse(JSON.parse(text)).data ?? null;
  } catch {
    return null;
  }
}

/**
 * Seeds what `page` carries; returns the function to call once the first navigation has loaded,
 * after which the seeded answers are revalidated like any other.
 *
 * @example
 * const settle = seedFromPage(services, document);
 * createRoot(container).render(<App services={services} onFirstNavigation={settle} />);
 */
export function seedFromPage(
  { core, queryClient }: { core: CoreClient; queryClient: QueryClient },
  page: Document,
): () => void {
  const data = readPageData(page);
  if (!data) return () => undefined;
  queryClient.setQueryData(sessionQueryKey, data.me);
  return data.resolved ? seedResolvedCourse(queryClient, core, data.resolved) : () => undefined;
}
