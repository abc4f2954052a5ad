/**
 * A lecturer managing topics and running the matching, against a fake server: the empty state,
 * adding a topic (and a refusal), editing and deleting, and the result table with its figures.
 */
import {
  type FakeRouteHandlers,
  fakePhaseServer,
  fakeProblem,
  renderPhase,
} from '@coursekit/phase-sdk/testing';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type MatchingResult, routes, type Topic } from '../../shared/contract';
import matching from '../index';
import { result, studentId, topic } from './fixtures';

afterEach(cleanup);

function renderStaff(
  options: {
    topics?: Topic[];
    stored?: MatchingResult | null;
    handlers?: FakeRouteHandlers<typeof routes>;
  } = {},
) {
  // The same array the test holds, so its handlers can change what GET /topics answers.
  const topics = options.topics ?? [];
  const server = fakePhaseServer(routes, {
    listTopics: () => ({ topics }),
    listRankings: () => ({ rankings: [] }),
    getAssignments: () => ({ view: 'staff', result: options.stored ?? null }),
    createTopic: ({ body }) => {
      const created = topic(body.title, body.capacity, body.description);
      topics.push(created);
      return created;
    },
    ...options.handlers,
  });
  renderPhase(matching, { role: 'lecturer', server });
  return server;
}

describe('StaffView', () => {
  it('starts empty, and adds a topic from the form', async () => {
    const fake = renderStaff();
    expect(await screen.findByText('No topics yet. Add the first one below.')).toBeTruthy();
    expect(screen.getByText('The matching has not run yet.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Topic title'), { target: { value: 'Compilers' } });
    fireEvent.change(screen.getByLabelText('Capacity'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add topic' }));

    const table = await screen.findByRole('table', { name: 'Topics' });
    expect(within(table).getByRole('rowheader', { name: 'Compilers' })).toBeTruthy();
    expect(fake.callsOf('createTopic').map((call) => call.body)).toEqual([
      { title: 'Compilers', capacity: 3, description: '' },
    ]);
    expect((screen.getByLabelText('Topic title') as HTMLInputElement).value).toBe('');
  });

  it('shows the server’s refusal of a topic', async () => {
    renderStaff({
      handlers: {
        createTopic: () => {
          throw fakeProblem(
            409,
            'CK_CONFLICT',
            'A topic titled "Compilers" already exists in this course phase.',
          );
        },
      },
    });
    await screen.findByText('No topics yet. Add the first one below.');
    fireEvent.change(screen.getByLabelText('Topic title'), { target: { value: 'Compilers' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add topic' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The topic was not added: A topic titled "Compilers" already exists in this course phase.',
    );
  });

  it('edits and deletes a topic', async () => {
    const games = topic('Games', 2);
    const topics = [games];
    const fake = renderStaff({
      topics,
      handlers: {
        updateTopic: ({ body }) => {
          topics[0] = { ...games, ...body };
          return topics[0];
        },
        deleteTopic: () => {
          topics.length = 0;
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Games' }));
    fireEvent.change(screen.getByLabelText('Edit seats'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const table = await screen.findByRole('table', { name: 'Topics' });
    expect(await within(table).findByRole('cell', { name: '5' })).toBeTruthy();
    expect(fake.callsOf('updateTopic')).toMatchObject([
      {
        path: `/topics/${games.id}`,
        params: { topicId: games.id },
        body: { title: 'Games', description: '', capacity: 5 },
      },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete Games' }));
    expect(await screen.findByText('No topics yet. Add the first one below.')).toBeTruthy();
  });

  it('runs the matching and shows the table with satisfaction figures', async () => {
    const [ann, ben] = [studentId(), studentId()];
    const ran = result({
      assignments: [
        { studentId: ann, displayName: 'Ann', topicId: studentId(), topicTitle: 'Games', rank: 2 },
        { studentId: ben, displayName: 'Ben', topicId: null, topicTitle: null, rank: null },
      ],
      stats: {
        students: 2,
        assigned: 1,
        unassigned: 1,
        totalCapacity: 1,
        firstChoice: 0,
        topThree: 1,
        unranked: 0,
        averageRank: 2,
        rankCounts: [{ rank: 2, students: 1 }],
      },
    });
    renderStaff({
      topics: [topic('Games', 1)],
      handlers: { runMatching: () => ran },
    });
    await screen.findByText('The matching has not run yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Run matching' }));

    const table = await screen.findByRole('table', { name: 'Assignments' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(['StudentTopicChoice', 'AnnGames2nd', 'BenUnassigned—']);
    const figures = screen.getByRole('list', { name: 'Satisfaction' });
    expect(figures.textContent).toContain('1 of 2 students assigned (1 seats)');
    expect(figures.textContent).toContain('Unassigned: Ben');
    expect(figures.textContent).toContain('Average choice: 2.00');
  });

  it('says when the stored result is stale, and why a run failed', async () => {
    renderStaff({
      stored: result({ stale: true }),
      handlers: {
        runMatching: () => {
          throw fakeProblem(500, 'CK_INTERNAL', 'The matching stopped: out of memory.');
        },
      },
    });
    expect(await screen.findByText(/Topics or rankings changed after this result/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run matching' }));
    expect((await screen.findByText(/The matching did not run/)).textContent).toBe(
      'The matching did not run: The matching stopped: out of memory.',
    );
  });
});
