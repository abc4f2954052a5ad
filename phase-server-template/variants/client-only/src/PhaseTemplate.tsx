/**
 * The screen of this client-only phase. Everything it shows comes from its PhaseContext (the user,
 * their role, the course and this course phase's configuration), which the host provides; replace
 * it with your phase's own feature. `coursePhase.config` is set per course by its lecturers.
 */
import { useCoursePhase, useCurrentUser } from '@coursekit/phase-sdk/react';
import { useState } from 'react';

export function PhaseTemplate() {
  const { user, role } = useCurrentUser();
  const { course, coursePhase } = useCoursePhase();
  const [done, setDone] = useState(false);
  const intro = typeof coursePhase.config.intro === 'string' ? coursePhase.config.intro : null;

  return (
    <section aria-labelledby="ck-phase-template-title">
      <h2 id="ck-phase-template-title">Phase template</h2>
      <p>
        Hello {user.name}
        {role ? `, you take part in ${course.title} as ${role}` : ''}.
      </p>
      {intro && <p>{intro}</p>}
      <label>
        <input type="checkbox" checked={done} onChange={() => setDone(!done)} /> I have read this
      </label>
      <p role="status">{done ? 'Marked as read' : 'Not read yet'}</p>
    </section>
  );
}
