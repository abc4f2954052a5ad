/** One member: name, email, a role picker and removal (asked for twice, so a slip does nothing). */
import type { CourseMember, CourseRole } from '@coursekit/phase-sdk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../app/describeError';
import { adminKeys, useAdminApi } from '../adminQueries';
import { useShownChoice } from '../useShownChoice';
import { RoleOptions } from './RoleOptions';

export function MemberRow({ courseId, member }: { courseId: string; member: CourseMember }) {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminKeys.members(courseId) }),
      queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
    ]);
  const changeRole = useMutation({
    mutationFn: (role: CourseRole) => api.changeRole(courseId, member.userId, { role }),
    onSettled: refresh,
  });
  const [shownRole, chooseRole] = useShownChoice(member.role, changeRole.isPending);
  const remove = useMutation({
    mutationFn: () => api.removeMember(courseId, member.userId),
    onSettled: refresh,
  });
  const error = changeRole.error ?? remove.error;
  return (
    <li className="ck-card ck-admin-item">
      <div>
        <strong>{member.name}</strong>
        <p className="ck-muted ck-break">{member.email}</p>
      </div>
      <div className="ck-actions">
        <label>
          <span className="ck-visually-hidden">{`Role of ${member.name}`}</span>
          <select
            value={shownRole}
            disabled={changeRole.isPending}
            onChange={(event) => {
              const role = event.target.value as CourseRole;
              chooseRole(role);
              changeRole.mutate(role);
            }}
          >
            <RoleOptions />
          </select>
        </label>
        {confirming ? (
          <>
            <button type="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
              {`Remove ${member.name} now`}
            </button>
            <button type="button" className="ck-secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="ck-secondary" onClick={() => setConfirming(true)}>
            {`Remove ${member.name}`}
          </button>
        )}
      </div>
      {error ? (
        <p role="alert" className="ck-error">
          {describeError(error)}
        </p>
      ) : null}
    </li>
  );
}
