/**
 * A student ranking topics as they would in the browser: the list starts in their saved order,
 * Move up/Move down and drag-and-drop reorder it (and say so), saving sends the order and confirms
 * "Ranking saved", and their assignment reads "You are assigned to …".
 */
import {
  type FakeRouteHandlers,
  fakePhaseServer,
  fakeProblem,
  renderPhase,
} from '@coursekit/phase-sdk/testing';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type MyAssignment, routes, type Topic } from '../../shared/contract';
import matching from '../index';
import { topic } from './fixtures';

afterEach(cleanup);

const [ai, web, db] = [
  topic('AI tutor', 2, 'A chat tutor'),
  topic('Web shop'),
  topic('Databases', 1),
];
const notRun: MyAssignment = {
  view: 'student',
  status: 'not-run',
  topic: null,
  rank: null,
  runAt: null,
};

function renderStudent(
  options: {
    topics?: Topic[];
    saved?: string[];
    assignment?: MyAssignment;
    handlers?: FakeRouteHandlers<typeof routes>;
  } = {},
) {
  const server = fakePhaseServer(routes, {
    listTopics: () => ({ topics: options.topics ?? [ai, web, db] }),
    getMyRanking: () => ({
      topicIds: options.saved ?? [],
      updatedAt: options.saved ? '2025-01-01T10:00:00.000Z' : null,
    }),
    getAssignments: () => options.assignment ?? notRun,
    saveMyRanking: ({ body }) => ({
      topicIds: body.topicIds,
      updatedAt: '2025-01-03T10:00:00.000Z',
    }),
    ...options.handlers,
  });
  renderPhase(matching, { role: 'student', server });
  return server;
}

const titles = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((item) => item.querySelector('strong')?.textContent);

describe('StudentView', () => {
  it('starts from the saved ranking and puts topics added since at the end', async () => {
    renderStudent({ saved: [db.id, ai.id] });
    const list = await screen.findByRole('list', { name: 'Your ranking' });
    expect(titles(list)).toEqual(['Databases', 'AI tutor', 'Web shop']);
    expect(
      screen.getByText('New since you last saved, at the end of your list: Web shop.'),
    ).toBeTruthy();
  });

  it('reorders with Move up and Move down, and announces each move', async () => {
    renderStudent();
    const list = await screen.findByRole('list', { name: 'Your ranking' });
    const webItem = within(list).getAllByRole('listitem')[1] as HTMLElement;
    fireEvent.click(within(webItem).getByRole('button', { name: 'Move up' }));
    expect(titles(list)).toEqual(['Web shop', 'AI tutor', 'Databases']);
    expect(screen.getByText('Web shop moved to position 1 of 3.')).toBeTruthy();

    const first = within(list).getAllByRole('listitem')[0] as HTMLElement;
    expect(
      (within(first).getByRole('button', { name: 'Move up' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.click(within(first).getByRole('button', { name: 'Move down' }));
    expect(titles(list)).toEqual(['AI tutor', 'Web shop', 'Databases']);
  });

  it('reorders by drag and drop', async () => {
    renderStudent();
    const list = await screen.findByRole('list', { name: 'Your ranking' });
    const [first, , last] = within(list).getAllByRole('listitem') as HTMLElement[];
    const dataTransfer = { setData: () => {}, effectAllowed: 'all' };
    fireEvent.dragStart(last as HTMLElement, { dataTransfer });
    fireEvent.dragOver(first as HTMLElement, { dataTransfer });
    fireEvent.drop(first as HTMLElement, { dataTransfer });
    expect(titles(list)).toEqual(['Databases', 'AI tutor', 'Web shop']);
  });

  it('saves the order with the student’s name and confirms it', async () => {
    const fake = renderStudent();
    const list = await screen.findByRole('list', { name: 'Your ranking' });
    expect(screen.getByText('You have unsaved changes.')).toBeTruthy();
    fireEvent.click(
      within(within(list).getAllByRole('listitem')[2] as HTMLElement).getByRole('button', {
        name: 'Move up',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save ranking' }));
    expect((await screen.findByRole('status')).textContent).toBe('Ranking saved');
    expect(fake.callsOf('saveMyRanking').map((call) => call.body)).toEqual([
      { topicIds: [ai.id, db.id, web.id], displayName: 'Student One' },
    ]);
    // A later move makes the confirmation go away: it no longer describes the list.
    fireEvent.click(
      within(within(list).getAllByRole('listitem')[1] as HTMLElement).getByRole('button', {
        name: 'Move up',
      }),
    );
    expect(screen.queryByText('Ranking saved')).toBeNull();
  });

  it('says why a save failed', async () => {
    renderStudent({
      handlers: {
        saveMyRanking: () => {
          throw fakeProblem(400, 'CK_VALIDATION', 'There is no topic x in this course phase.');
        },
      },
    });
    await screen.findByRole('list', { name: 'Your ranking' });
    fireEvent.click(screen.getByRole('button', { name: 'Save ranking' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your ranking was not saved: There is no topic x in this course phase.',
    );
  });

  it('shows the assigned topic and the rank', async () => {
    renderStudent({
      assignment: {
        view: 'student',
        status: 'assigned',
        topic: { id: web.id, title: 'Web shop' },
        rank: 2,
        runAt: '2025-01-02T10:00:00.000Z',
      },
    });
    expect(await screen.findByText('You are assigned to Web shop')).toBeTruthy();
    expect(screen.getByText('It was your 2nd choice.')).toBeTruthy();
  });

  it.each([
    ['not-run', /The matching has not run yet/],
    ['not-included', /ran before you saved your ranking/],
    ['unassigned', /could not give you a topic: there were more students than seats/],
  ] as const)('explains the %s state', async (status, text) => {
    renderStudent({ assignment: { ...notRun, status } });
    expect(await screen.findByText(text)).toBeTruthy();
  });

  it('says when there are no topics yet', async () => {
    renderStudent({ topics: [] });
    expect(
      await screen.findByText('No topics yet. Your lecturer has not added any; check back later.'),
    ).toBeTruthy();
  });

  it('shows a loading state, then an error with a working "Try again"', async () => {
    let attempts = 0;
    renderStudent({
      handlers: {
        listTopics: () => {
          if (++attempts === 1) throw fakeProblem(503, 'CK_UNAVAILABLE', 'The server is starting.');
          return { topics: [ai] };
        },
      },
    });
    expect(screen.getByText('Loading topics…')).toBeTruthy();
    expect((await screen.findByText(/Could not load the topics/)).textContent).toBe(
      'Could not load the topics: The server is starting.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Your ranking' })).toBeTruthy();
  });
});
