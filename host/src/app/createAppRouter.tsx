/**
 * The routes of the shell. Loaders only start work (the session, the resolve answer, a phase's
 * module) and never wait for it, so the shell paints at once and every download runs in parallel;
 * the pages show loading and error states from the same queries.
 */
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { authConfigQuery } from '../auth/authConfigQuery';
import { RequireSession } from '../auth/RequireSession';
import { SignInPage } from '../auth/SignInPage';
import { sessionQuery } from '../auth/sessionQuery';
import { CourseListPage } from '../courses/CourseListPage';
import { coursesQuery, resolvedCourseQuery } from '../courses/courseQueries';
import { startPhaseLoad } from '../phases/startPhaseLoad';
import type { AppServices } from './AppServices';
import { Layout } from './Layout';
import { LoadingState } from './LoadingState';
import { NotFoundPage } from './NotFoundPage';
import { RouteErrorPage } from './RouteErrorPage';

/**
 * The course pages' code, one chunk (COURSE_PAGE_CHUNK of the contract) that the sign-in page
 * never loads. The registry preloads it on course pages, so it is there as soon as the start
 * chunks are; the router imports it while the loaders (static, not lazy) already run, and renders
 * the page once both are done: no Suspense fallback, whose reveal React would throttle.
 */
const coursePage = () => import(/* webpackChunkName: "course" */ '../courses/CoursePage');
const courseIndexPage = () => import(/* webpackChunkName: "course" */ '../courses/CourseIndexPage');
const coursePhasePage = () => import(/* webpackChunkName: "course" */ '../courses/CoursePhasePage');

/** A loader's answer once it has started its work: nothing to wait for. */
function started(_work: Promise<unknown>): null {
  return null;
}

export function appRoutes(services: AppServices): RouteObject[] {
  const { core, queryClient } = services;
  return [
    {
      path: '/',
      element: <Layout />,
      errorElement: <RouteErrorPage />,
      hydrateFallbackElement: <LoadingState>Starting Coursekit…</LoadingState>,
      loader: () => started(queryClient.prefetchQuery(sessionQuery(core))),
      children: [
        { index: true, element: <Navigate to="/courses" replace /> },
        {
          path: 'sign-in',
          loader: () => started(queryClient.prefetchQuery(authConfigQuery(core))),
          element: <SignInPage />,
        },
        {
          element: <RequireSession />,
          children: [
            {
              path: 'courses',
              loader: () => started(queryClient.prefetchQuery(coursesQuery(core))),
              element: <CourseListPage />,
            },
            // "new" is no course id: creating a course is in the admin console.
            { path: 'courses/new', element: <Navigate to="/admin/courses/new" replace /> },
            {
              // Loaded on demand: the console's code (drag and drop included) is not in the
              // bundle every student downloads.
              path: 'admin/*',
              lazy: async () => ({ Component: (await import('../admin/AdminApp')).AdminApp }),
            },
            {
              path: 'courses/:courseId',
              loader: ({ params }) =>
                started(
                  queryClient.prefetchQuery(resolvedCourseQuery(core, params.courseId ?? '')),
                ),
              lazy: { Component: async () => (await coursePage()).CoursePage },
              children: [
                {
                  index: true,
                  lazy: { Component: async () => (await courseIndexPage()).CourseIndexPage },
                },
                {
                  path: ':coursePhaseId/*',
                  loader: async ({ params }) => {
                    await startPhaseLoad(
                      services,
                      params.courseId ?? '',
                      params.coursePhaseId ?? '',
                    );
                    return null;
                  },
                  lazy: { Component: async () => (await coursePhasePage()).CoursePhasePage },
                },
              ],
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export function createAppRouter(services: AppServices) {
  return createBrowserRouter(appRoutes(services));
}
