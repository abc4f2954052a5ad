/**
 * `/admin/courses/new`: create a course (slug, title, term). Field errors come from the registry
 * (the contract's rules, a slug already taken) and are shown at their fields; nothing is written
 * until the course is valid.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAppServices } from '../../app/AppServices';
import { describeError } from '../../app/describeError';
import { coursesQuery } from '../../courses/courseQueries';
import { adminKeys, useAdminApi } from '../adminQueries';
import { Field } from '../Field';
import { fieldErrors } from '../fieldErrors';
import { usePageTitle } from '../usePageTitle';

export function CreateCoursePage() {
  usePageTitle('New course');
  const api = useAdminApi();
  const { core } = useAppServices();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [slug, setSlug] = useState('');
  const [title, setTitle] = useState('');
  const [term, setTerm] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.createCourse({ slug: slug.trim(), title, term: term.trim() ? term : null }),
    onSuccess: async (course) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: coursesQuery(core).queryKey }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
      ]);
      navigate(`/admin/courses/${course.id}/members`);
    },
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="ck-page" aria-labelledby="ck-new-course">
      <h1 id="ck-new-course">New course</h1>
      <form className="ck-form ck-admin-form" onSubmit={submit} noValidate>
        {create.isError ? (
          <p role="alert" className="ck-error">
            {describeError(create.error)}
          </p>
        ) : null}
        <Field label="Title" error={errors.title}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </Field>
        <Field
          label="Slug"
          hint="Lowercase letters, digits and dashes, e.g. se-2027"
          error={errors.slug}
        >
          <input value={slug} onChange={(e) => setSlug(e.target.value)} required />
        </Field>
        <Field label="Term (optional)" error={errors.term}>
          <input value={term} onChange={(e) => setTerm(e.target.value)} />
        </Field>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create course'}
        </button>
      </form>
    </section>
  );
}
