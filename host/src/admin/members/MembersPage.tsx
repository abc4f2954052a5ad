/**
 * `/admin/courses/:courseId/members`: the course's members, a page at a time and searchable (a
 * course may have thousands), with adding by email, changing roles and removing.
 */
import type { CourseRole } from '@coursekit/phase-sdk/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { ErrorState } from '../../app/ErrorState';
import { LoadingState } from '../../app/LoadingState';
import { membersQuery, useAdminApi } from '../adminQueries';
import { useAdminCourse } from '../courses/CourseAdminLayout';
import { usePageTitle } from '../usePageTitle';
import { AddMemberForm } from './AddMemberForm';
import { MemberRow } from './MemberRow';
import { RoleOptions } from './RoleOptions';

const PAGE_SIZE = 50;

export function MembersPage() {
  const course = useAdminCourse();
  usePageTitle(`Members · ${course.title}`);
  const api = useAdminApi();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<CourseRole | ''>('');
  const [offset, setOffset] = useState(0);
  const q = useDeferredValue(search.trim());
  const members = useQuery({
    ...membersQuery(api, course.id, {
      q: q || undefined,
      role: role || undefined,
      limit: PAGE_SIZE,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const page = members.data;
  return (
    <section className="ck-page" aria-labelledby="ck-members-title">
      <h1 id="ck-members-title">Members</h1>
      <AddMemberForm courseId={course.id} />
      <search className="ck-filters">
        <label>
          Search members
          <input
            type="search"
            value={search}
            placeholder="Name or email"
            onChange={(event) => {
              setSearch(event.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          Show role
          <select
            value={role}
            onChange={(event) => {
              setRole(event.target.value as CourseRole | '');
              setOffset(0);
            }}
          >
            <option value="">All roles</option>
            <RoleOptions />
          </select>
        </label>
      </search>
      {members.isPending ? (
        <LoadingState>Loading members…</LoadingState>
      ) : members.isError ? (
        <ErrorState
          title="The members could not be loaded."
          error={members.error}
          onRetry={() => void members.refetch()}
        />
      ) : page && page.items.length === 0 ? (
        <p className="ck-empty">
          {q || role ? 'No member matches.' : 'This course has no members yet.'}
        </p>
      ) : page ? (
        <>
          <p className="ck-muted" role="status">
            {`Showing ${page.offset + 1}–${page.offset + page.items.length} of ${page.total} members`}
          </p>
          <ul className="ck-admin-list" aria-label="Members" aria-busy={members.isPlaceholderData}>
            {page.items.map((member) => (
              <MemberRow key={member.userId} courseId={course.id} member={member} />
            ))}
          </ul>
          <div className="ck-actions">
            <button
              type="button"
              className="ck-secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              Previous page
            </button>
            <button
              type="button"
              className="ck-secondary"
              disabled={page.offset + page.items.length >= page.total}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Next page
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
