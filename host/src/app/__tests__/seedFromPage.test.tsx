/**
 * A course page that carries the session and the resolve answer renders the course and its phase
 * without asking the registry for either; once its first navigation has loaded, the answers are
 * revalidated as usual. A page without them, or with a block this host cannot read, changes nothing.
 */
import { definePhase } from '@coursekit/phase-sdk';
import { HOST_PAGE_DATA_ID } from '@coursekit/phase-sdk/contract';
import { loadRemote } from '@module-federation/enhanced/runtime';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionQueryKey } from '../../auth/sessionQuery';
import { resolvedCourseQuery } from '../../courses/courseQueries';
import { COURSE_ID, fakeCore, resolvedCourse, student, WELCOME_ID } from '../../test/fakeCore';
import { renderApp } from '../../test/renderApp';
import { createAppServices } from '../AppServices';
import { seedFromPage } from '../seedFromPage';

vi.mock('@module-federation/enhanced/runtime', () => ({
  getInstance: vi.fn(() => null),
  registerRemotes: vi.fn(),
  loadRemote: vi.fn(),
}));

/** A document whose data block holds `text`. */
function pageWith(text: string): Document {
  const page = document.implementation.createHTMLDocument('Coursekit');
  const block = page.createElement('script');
  block.type = 'application/json';
  block.id = HOST_PAGE_DATA_ID;
  block.textContent = text;
  page.head.append(block);
  return page;
}

/** A registry that records every request and answers as the real one would. */
function registry() {
  return fakeCore({
    'GET /api/me': { status: 200, body: student },
    [`GET /api/courses/${COURSE_ID}/phases`]: { status: 200, body: resolvedCourse },
  });
}

afterEach(() => {
  vi.mocked(loadRemote).mockReset();
});

describe('seedFromPage', () => {
  it('renders the course and starts its phase with no /api/me or resolve request', async () => {
    vi.mocked(loadRemote).mockResolvedValue({
      default: definePhase({ component: () => <h2>Welcome to the course</h2> }),
    });
    const { core, calls } = registry();
    const services = createAppServices({ core });
    const settle = seedFromPage(
      services,
      pageWith(JSON.stringify({ me: student, resolved: resolvedCourse })),
    );
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, services);

    expect(
      await screen.findByRole('heading', { name: 'Software Engineering Essentials' }),
    ).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Welcome to the course' })).toBeTruthy();
    expect(calls).toEqual([]);

    // From the next navigation on, the course is read again (a pin may have changed).
    settle();
    await services.queryClient.fetchQuery(resolvedCourseQuery(core, COURSE_ID));
    expect(calls).toEqual([`GET /api/courses/${COURSE_ID}/phases`]);
  });

  it('seeds the session alone when the page has no resolve answer', () => {
    const { core } = registry();
    const services = createAppServices({ core });
    seedFromPage(services, pageWith(JSON.stringify({ me: student })));
    expect(services.queryClient.getQueryData(sessionQueryKey)).toEqual(student);
    expect(
      services.queryClient.getQueryData(resolvedCourseQuery(core, COURSE_ID).queryKey),
    ).toBeUndefined();
  });

  it('ignores a page without data, with broken JSON or with answers of another shape', () => {
    for (const page of [
      document.implementation.createHTMLDocument('Coursekit'),
      pageWith('{"me":'),
      pageWith(JSON.stringify({ me: { user: 'someone' } })),
    ]) {
      const services = createAppServices({ core: registry().core });
      seedFromPage(services, page)();
      expect(services.queryClient.getQueryCache().getAll()).toEqual([]);
    }
  });
});
