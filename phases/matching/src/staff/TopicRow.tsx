/**
 * One topic in the lecturer's table, with Edit and Delete. Editing happens in place; saving or
 * deleting goes to the server, and its refusal is shown in the row.
 */

import { toPhaseApiError } from '@coursekit/phase-sdk/client';
import { useRouteMutation } from '@coursekit/phase-sdk/react';
import { type FormEvent, useId, useState } from 'react';
import { routes, type Topic } from '../../shared/contract';

export function TopicRow({ topic, onChanged }: { topic: Topic; onChanged: () => void }) {
  const id = useId();
  const updateTopic = useRouteMutation(routes.updateTopic);
  const deleteTopic = useRouteMutation(routes.deleteTopic);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(topic.title);
  const [capacity, setCapacity] = useState(String(topic.capacity));
  const [description, setDescription] = useState(topic.description);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setEditing(false);
      onChanged();
    } catch (caught) {
      setError(toPhaseApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(() =>
      updateTopic.mutateAsync({
        params: { topicId: topic.id },
        body: {
          title,
          description,
          capacity: capacity.trim() === '' ? Number.NaN : Number(capacity),
        },
      }),
    );
  };

  if (editing) {
    return (
      <tr>
        <td colSpan={4}>
          <form onSubmit={save} aria-label={`Edit ${topic.title}`}>
            <label htmlFor={`${id}-title`}>Edit title</label>{' '}
            <input
              id={`${id}-title`}
              value={title}
              required
              maxLength={120}
              onChange={(e) => setTitle(e.target.value)}
            />{' '}
            <label htmlFor={`${id}-capacity`}>Edit seats</label>{' '}
            <input
              id={`${id}-capacity`}
              type="number"
              min={1}
              max={1000}
              required
              value={capacity}
              onChange={(e) => setCapacity(e.target.value)}
            />{' '}
            <label htmlFor={`${id}-description`}>Edit description</label>{' '}
            <input
              id={`${id}-description`}
              value={description}
              maxLength={2000}
              onChange={(e) => setDescription(e.target.value)}
            />{' '}
            <button type="submit" disabled={busy}>
              Save
            </button>{' '}
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {error && <p role="alert">Not saved: {error}</p>}
          </form>
        </td>
      </tr>
    );
  }

  return (
    <tr>
      <th scope="row">{topic.title}</th>
      <td>{topic.description}</td>
      <td>{topic.capacity}</td>
      <td>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${topic.title}`}>
          Edit
        </button>{' '}
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => deleteTopic.mutateAsync({ params: { topicId: topic.id } }))}
          aria-label={`Delete ${topic.title}`}
        >
          Delete
        </button>
        {error && <p role="alert">{error}</p>}
      </td>
    </tr>
  );
}
