/** Add a member by email with a role (an account is created for an unknown email). */
import type { CourseRole } from '@coursekit/phase-sdk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../app/describeError';
import { adminKeys, useAdminApi } from '../adminQueries';
import { Field } from '../Field';
import { fieldErrors } from '../fieldErrors';
import { RoleOptions } from './RoleOptions';

export function AddMemberForm({ courseId }: { courseId: string }) {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<CourseRole>('student');
  const add = useMutation({
    mutationFn: () => api.addMember(courseId, { email: email.trim(), role }),
    onSuccess: () => setEmail(''),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.members(courseId) }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
      ]),
  });
  const errors = fieldErrors(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form className="ck-form ck-admin-form ck-inline-form" onSubmit={submit} noValidate>
      <h2>Add a member</h2>
      <Field label="Email" error={errors.email}>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </Field>
      <Field label="Role" error={errors.role}>
        <select value={role} onChange={(e) => setRole(e.target.value as CourseRole)}>
          <RoleOptions />
        </select>
      </Field>
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add member'}
      </button>
      {add.isError && Object.keys(errors).length === 0 ? (
        <p role="alert" className="ck-error">
          {describeError(add.error)}
        </p>
      ) : null}
      {add.isSuccess ? (
        <p role="status" className="ck-success">{`${add.data.email} is now a ${add.data.role}.`}</p>
      ) : null}
    </form>
  );
}
