/**
 * An audit log (whole, one course's or one phase type's): filters by who, what and when, entries
 * newest first with before → after, and older entries on request (cursor paging).
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '../../app/ErrorState';
import { LoadingState } from '../../app/LoadingState';
import type { AuditScope } from '../AdminApi';
import { auditQuery, useAdminApi } from '../adminQueries';
import { describeChange } from './describeChange';

const ACTIONS = [
  ['', 'Any change'],
  ['course.', 'Course settings and members'],
  ['course.member.', 'Members'],
  ['course-phase.', 'Composition'],
  ['phase-type.', 'Phase types'],
  ['phase-version.', 'Phase versions'],
  ['phase-override.', "Developers' phase overrides"],
  ['phase-publisher.', 'Phase publishers'],
  ['api-token.', 'API tokens'],
  ['signing-key.', 'Signing keys'],
] as const;

interface Filters {
  actor: string;
  action: string;
  since: string;
  until: string;
}

const NO_FILTERS: Filters = { actor: '', action: '', since: '', until: '' };

/** A date input's day as the start (or end) of that day in the user's time zone. */
const dayBound = (day: string, end: boolean) =>
  day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined;

export function AuditLog({ scope }: { scope: AuditScope }) {
  const api = useAdminApi();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const log = useInfiniteQuery(
    auditQuery(api, scope, {
      actor: filters.actor.trim() || undefined,
      action: filters.action || undefined,
      since: dayBound(filters.since, false),
      until: dayBound(filters.until, true),
      limit: 50,
    }),
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="ck-audit">
      <search aria-label="Filter the audit log">
        <form className="ck-filters" onSubmit={apply}>
          <label>
            Who
            <input
              value={draft.actor}
              placeholder="Name or email"
              onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            />
          </label>
          <label>
            What
            <select
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            >
              {ACTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            From
            <input
              type="date"
              value={draft.since}
              onChange={(e) => setDraft({ ...draft, since: e.target.value })}
            />
          </label>
          <label>
            Until
            <input
              type="date"
              value={draft.until}
              onChange={(e) => setDraft({ ...draft, until: e.target.value })}
            />
          </label>
          <button type="submit">Apply filters</button>
        </form>
      </search>
      {log.isPending ? (
        <LoadingState>Loading the audit log…</LoadingState>
      ) : log.isError ? (
        <ErrorState
          title="The audit log could not be loaded."
          error={log.error}
          onRetry={() => void log.refetch()}
        />
      ) : entries.length === 0 ? (
        <p className="ck-empty">No change matches.</p>
      ) : (
        <>
          <ol className="ck-audit-list" aria-label="Changes, newest first">
            {entries.map((entry) => (
              <li key={entry.id} className="ck-card">
                <p>
                  <strong>{entry.action}</strong>{' '}
                  <span className="ck-muted">
                    {`by ${entry.actor ? `${entry.actor.name} (${entry.actor.email})` : 'Coursekit'}, `}
                    <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                  </span>
                </p>
                <ul className="ck-change-list">
                  {describeChange(entry.before, entry.after).map((line) => (
                    <li key={line.field}>
                      <span className="ck-change-field">{line.field}</span>:{' '}
                      {line.before === null ? (
                        <ins>{line.after}</ins>
                      ) : line.after === null ? (
                        <del>{line.before}</del>
                      ) : (
                        <>
                          <del>{line.before}</del> → <ins>{line.after}</ins>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {log.hasNextPage ? (
            <button
              type="button"
              className="ck-secondary"
              disabled={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              {log.isFetchingNextPage ? 'Loading older changes…' : 'Older changes'}
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
