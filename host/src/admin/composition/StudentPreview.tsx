/** What a student of the course sees: the enabled, available phases in order, nothing else. */
import type { CompositionPhase } from '@coursekit/phase-sdk/contract';
import { Link } from 'react-router';

export function StudentPreview({
  courseId,
  phases,
}: {
  courseId: string;
  phases: CompositionPhase[];
}) {
  const visible = phases.filter((p) => p.enabled && p.availability.available);
  return (
    <section className="ck-card ck-preview" aria-labelledby="ck-preview-title">
      <h2 id="ck-preview-title">What students see</h2>
      {visible.length === 0 ? (
        <p className="ck-empty">Students see no phase in this course yet.</p>
      ) : (
        <ol aria-label="Phases students see">
          {visible.map((phase) => (
            <li key={phase.id}>{phase.title}</li>
          ))}
        </ol>
      )}
      <p>
        <Link to={`/courses/${courseId}`}>Open the course</Link>
      </p>
    </section>
  );
}
