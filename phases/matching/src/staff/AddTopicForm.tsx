/**
 * The lecturer's form to add a topic: title, capacity and an optional description. The server's
 * refusals (a duplicate title, a bad capacity) are shown under the form in its own words.
 */

import { toPhaseApiError } from '@coursekit/phase-sdk/client';
import { useRouteMutation } from '@coursekit/phase-sdk/react';
import { type FormEvent, useId, useState } from 'react';
import { routes } from '../../shared/contract';

export function AddTopicForm({ onAdded }: { onAdded: () => void }) {
  const id = useId();
  const createTopic = useRouteMutation(routes.createTopic);
  const [title, setTitle] = useState('');
  const [capacity, setCapacity] = useState('1');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const topic = await createTopic.mutateAsync({
        body: {
          title,
          description,
          capacity: capacity.trim() === '' ? Number.NaN : Number(capacity),
        },
      });
      setTitle('');
      setDescription('');
      setCapacity('1');
      setAdded(topic.title);
      onAdded();
    } catch (caught) {
      const problem = toPhaseApiError(caught);
      setError(problem.problem.errors?.map((e) => e.message).join('; ') || problem.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)}>
      <h4 id={`${id}-heading`}>Add a topic</h4>
      <p>
        <label htmlFor={`${id}-title`}>Topic title</label>{' '}
        <input
          id={`${id}-title`}
          value={title}
          required
          maxLength={120}
          onChange={(event) => setTitle(event.target.value)}
        />
      </p>
      <p>
        <label htmlFor={`${id}-capacity`}>Capacity</label>{' '}
        <input
          id={`${id}-capacity`}
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          step={1}
          required
          value={capacity}
          onChange={(event) => setCapacity(event.target.value)}
        />
      </p>
      <p>
        <label htmlFor={`${id}-description`}>Description (optional)</label>
        <br />
        <textarea
          id={`${id}-description`}
          value={description}
          maxLength={2000}
          rows={2}
          onChange={(event) => setDescription(event.target.value)}
        />
      </p>
      <button type="submit" disabled={busy}>
        Add topic
      </button>{' '}
      {added && <span role="status">Added “{added}”.</span>}
      {error && <p role="alert">The topic was not added: {error}</p>}
    </form>
  );
}
