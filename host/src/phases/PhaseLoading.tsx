/**
 * The visible side of a phase's time budget: nothing for the first second (most phases are there
 * by then), then "Loading <title>…", and once the load takes longer or needs another attempt,
 * "Still trying" with the seconds spent and the bound after which Coursekit gives up.
 */
import { useEffect, useState } from 'react';

export const SHOW_PROGRESS_AFTER_MS = 1_000;
export const STILL_TRYING_AFTER_MS = 3_000;

export interface PhaseLoadingProps {
  title: string;
  startedAt: number;
  budgetMs: number;
  attempt: number;
}

export function PhaseLoading({ title, startedAt, budgetMs, attempt }: PhaseLoadingProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.max(0, now - startedAt);
  if (elapsed < SHOW_PROGRESS_AFTER_MS && attempt === 1) {
    return <div className="ck-phase-pending" aria-busy="true" />;
  }
  const stillTrying = attempt > 1 || elapsed >= STILL_TRYING_AFTER_MS;
  return (
    <div className="ck-phase-pending" aria-busy="true">
      <p className="ck-loading" role="status">{`Loading ${title}…`}</p>
      {stillTrying ? (
        <p className="ck-muted">
          {`Still trying: ${Math.floor(elapsed / 1000)} s so far; Coursekit gives up after ${Math.round(budgetMs / 1000)} s.`}
        </p>
      ) : null}
    </div>
  );
}
