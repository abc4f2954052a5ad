/**
 * Where the shell shows notifications. The live region exists only while it holds messages, so
 * that it never competes with a page's own loading status.
 */
import { useSyncExternalStore } from 'react';
import { useAppServices } from './AppServices';

export function NotificationArea() {
  const { notifications } = useAppServices();
  const items = useSyncExternalStore(notifications.subscribe, notifications.getSnapshot);
  if (items.length === 0) return null;
  return (
    <div className="ck-notifications" role="status" aria-live="polite">
      <ul>
        {items.map((item) => (
          <li key={item.id} className={`ck-notification ck-notification-${item.kind}`}>
            <span>{item.message}</span>
            <button
              type="button"
              className="ck-link-button"
              onClick={() => notifications.dismiss(item.id)}
              aria-label={`Dismiss: ${item.message}`}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
