/** Names the page in the browser tab (and for screen readers announcing navigation). */
import { useEffect } from 'react';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Coursekit`;
  }, [title]);
}
