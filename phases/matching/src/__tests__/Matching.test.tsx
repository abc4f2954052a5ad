/** Which view each role gets: staff manage and run the matching, students rank. */
import type { CourseRole } from '@coursekit/phase-sdk/contract';
import { fakePhaseServer, renderPhase } from '@coursekit/phase-sdk/testing';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { routes } from '../../shared/contract';
import matching from '../index';
import { topic } from './fixtures';

afterEach(cleanup);

const server = () =>
  fakePhaseServer(routes, {
    listTopics: () => ({ topics: [topic('Compilers')] }),
    listRankings: () => ({ rankings: [] }),
    getMyRanking: () => ({ topicIds: [], updatedAt: null }),
    getAssignments: () => ({
      view: 'student',
      status: 'not-run',
      topic: null,
      rank: null,
      runAt: null,
    }),
  });

function renderAs(role: CourseRole | null) {
  renderPhase(matching, { role, server: server() });
}

describe('Matching', () => {
  it.each(['lecturer', 'editor'] as const)(
    'gives a %s the topic form and the matching',
    async (role) => {
      renderAs(role);
      expect(screen.getByRole('heading', { name: 'Project matching' })).toBeTruthy();
      expect(screen.getByLabelText('Topic title')).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Run matching' })).toBeTruthy();
      expect(screen.queryByRole('list', { name: 'Your ranking' })).toBeNull();
      await screen.findByText('Compilers');
    },
  );

  it('gives a student their ranking', async () => {
    renderAs('student');
    expect(await screen.findByRole('list', { name: 'Your ranking' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Run matching' })).toBeNull();
  });

  it('tells a non-member that the matching is for course members', () => {
    renderAs(null);
    expect(
      screen.getByText('Only members of this course take part in the project matching.'),
    ).toBeTruthy();
  });
});
