/**
 * The student's ranking: the topics as an ordered list, best first, that they reorder by dragging
 * (native HTML5 drag and drop) or with the "Move up" and "Move down" buttons of each topic (for
 * keyboards and screen readers; each move is announced), then save. Saving sends the whole order.
 */

import { toPhaseApiError } from '@coursekit/phase-sdk/client';
import { useCurrentUser, useRouteMutation } from '@coursekit/phase-sdk/react';
import { type DragEvent, useState } from 'react';
import { type MyRanking, routes, type Topic } from '../../shared/contract';
import { visuallyHidden } from '../visuallyHidden';
import { initialOrder, moveItem } from './rankingOrder';

export interface RankingEditorProps {
  topics: readonly Topic[];
  saved: MyRanking;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; message: string };

export function RankingEditor({ topics, saved }: RankingEditorProps) {
  const { user } = useCurrentUser();
  // A saved ranking refetches this phase's answers, the assignment notice included.
  const saveMyRanking = useRouteMutation(routes.saveMyRanking);
  const [start] = useState(() => initialOrder(topics, saved.topicIds));
  const [order, setOrder] = useState<Topic[]>(start.topics);
  const [dirty, setDirty] = useState(saved.updatedAt === null || start.unranked.length > 0);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [announcement, setAnnouncement] = useState('');
  const [dragged, setDragged] = useState<string | null>(null);

  const move = (from: number, to: number) => {
    const topic = order[from];
    if (!topic || to < 0 || to >= order.length || from === to) return;
    setOrder(moveItem(order, from, to));
    setDirty(true);
    setSave({ kind: 'idle' });
    setAnnouncement(`${topic.title} moved to position ${to + 1} of ${order.length}.`);
  };

  const submit = async () => {
    setSave({ kind: 'saving' });
    try {
      await saveMyRanking.mutateAsync({
        body: { topicIds: order.map((topic) => topic.id), displayName: user.name },
      });
      setDirty(false);
      setSave({ kind: 'saved' });
    } catch (error) {
      setSave({ kind: 'failed', message: toPhaseApiError(error).message });
    }
  };

  const dropOn = (event: DragEvent, index: number) => {
    event.preventDefault();
    const from = order.findIndex((topic) => topic.id === dragged);
    setDragged(null);
    if (from !== -1) move(from, index);
  };

  return (
    <div>
      <p id="ck-matching-ranking-help">
        Put the topics in the order you prefer, best first: drag them, or use Move up and Move down.
        Then save your ranking.
      </p>
      {start.unranked.length > 0 && (
        <p>
          New since you last saved, at the end of your list:{' '}
          {start.unranked.map((topic) => topic.title).join(', ')}.
        </p>
      )}
      <ol aria-label="Your ranking" aria-describedby="ck-matching-ranking-help">
        {order.map((topic, index) => (
          <li
            key={topic.id}
            draggable
            onDragStart={(event) => {
              event.dataTransfer?.setData('text/plain', topic.id);
              if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
              setDragged(topic.id);
            }}
            onDragOver={(event) => {
              if (dragged !== null) event.preventDefault();
            }}
            onDrop={(event) => dropOn(event, index)}
            onDragEnd={() => setDragged(null)}
            style={{ cursor: 'grab', opacity: dragged === topic.id ? 0.5 : 1 }}
          >
            <strong id={`ck-matching-topic-${topic.id}`}>{topic.title}</strong>{' '}
            <small>
              ({topic.capacity} {topic.capacity === 1 ? 'seat' : 'seats'})
            </small>
            {topic.description && <p>{topic.description}</p>}
            <button
              type="button"
              onClick={() => move(index, index - 1)}
              disabled={index === 0}
              aria-describedby={`ck-matching-topic-${topic.id}`}
            >
              Move up
            </button>{' '}
            <button
              type="button"
              onClick={() => move(index, index + 1)}
              disabled={index === order.length - 1}
              aria-describedby={`ck-matching-topic-${topic.id}`}
            >
              Move down
            </button>
          </li>
        ))}
      </ol>
      <p aria-live="polite" style={visuallyHidden}>
        {announcement}
      </p>
      <button type="button" onClick={() => void submit()} disabled={save.kind === 'saving'}>
        Save ranking
      </button>{' '}
      {save.kind === 'saving' && <span>Saving…</span>}
      {save.kind === 'saved' && <span role="status">Ranking saved</span>}
      {save.kind === 'idle' && dirty && <span>You have unsaved changes.</span>}
      {save.kind === 'failed' && <p role="alert">Your ranking was not saved: {save.message}</p>}
    </div>
  );
}
