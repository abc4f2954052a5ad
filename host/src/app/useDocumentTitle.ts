/**
 * Names the page in the browser's tab and history: the most specific part first, "Coursekit"
 * last, e.g. "Welcome · Software Engineering Essentials · Coursekit".
 */
import { useEffect } from 'react';

export const APP_TITLE = 'Coursekit';

/** @example useDocumentTitle(phase.title, course.title) */
export function useDocumentTitle(...parts: (string | null | undefined)[]): void {
  const title = [...parts.filter((part): part is string => Boolean(part)), APP_TITLE].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
