/**
 * A control's value as the user just set it, shown in the same event as the click or selection.
 * The saved value (the cached composition, the member list) follows only when the change's own
 * update or the refetch arrives, and a refetch already under way may briefly bring back the old
 * value: without this, a checkbox or a select snaps back and looks as if the click were lost (a
 * user on a slow network sees it, and so does a test). The choice gives way to the saved value
 * once the change has settled, whatever the server answered, so a refused change shows the truth.
 *
 *   const [shownRole, chooseRole] = useShownChoice(member.role, changeRole.isPending);
 *   <select value={shownRole} onChange={(e) => { chooseRole(e.target.value); changeRole.mutate(e.target.value); }}>
 */
import { useEffect, useRef, useState } from 'react';

export function useShownChoice<T>(saved: T, pending: boolean): [T, (value: T) => void] {
  const [choice, setChoice] = useState<{ value: T } | null>(null);
  const wasPending = useRef(pending);
  useEffect(() => {
    // Only the end of a change clears the choice: the render right after the click may come
    // before the change is even marked pending.
    if (wasPending.current && !pending) setChoice(null);
    wasPending.current = pending;
  }, [pending]);
  return [choice ? choice.value : saved, (value) => setChoice({ value })];
}
