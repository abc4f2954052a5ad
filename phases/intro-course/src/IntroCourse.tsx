/**
 * Intro course: the welcome page of a course with its facts and a checklist of first steps. The
 * phase reads everything it shows from its PhaseContext; the steps come from the course phase's
 * configuration, with sensible defaults.
 */
import { useCoursePhase, useCurrentUser } from '@coursekit/phase-sdk/react';
import { useState } from 'react';
import { checklistFromConfig } from './checklist';

export function IntroCourse() {
  const { user, role } = useCurrentUser();
  const { course, coursePhase } = useCoursePhase();
  const steps = checklistFromConfig(coursePhase.config);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());

  const toggle = (id: string) =>
    setDone((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="ck-intro" aria-labelledby="ck-intro-title">
      <h2 id="ck-intro-title">Welcome to {course.title}</h2>
      <p>
        Hello {user.name}
        {role ? `, you take part as ${role}` : ''}. {course.term ? `This course runs in ${course.term}. ` : ''}
        Work through the steps below to get started.
      </p>
      <h3>First steps</h3>
      <p aria-live="polite">
        {done.size} of {steps.length} done
      </p>
      <ul className="ck-intro-checklist">
        {steps.map((step) => (
          <li key={step.id}>
            <label>
              <input type="checkbox" checked={done.has(step.id)} onChange={() => toggle(step.id)} />{' '}
              {step.label}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
