/**
 * The shell's notifications, in plain TypeScript: phases call `notify` through their
 * PhaseContext, the shell shows the list (NotificationArea) and each message leaves on its own
 * after a few seconds, or when dismissed.
 */
import type { PhaseNotification } from '@coursekit/phase-sdk/react';

export interface ShellNotification extends PhaseNotification {
  id: number;
}

export interface NotificationCenterOptions {
  /** How long a message stays, in ms; errors stay twice as long. Default 5 000. */
  durationMs?: number;
}

export class NotificationCenter {
  private notifications: readonly ShellNotification[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private nextId = 1;
  private readonly durationMs: number;

  constructor(options: NotificationCenterOptions = {}) {
    this.durationMs = options.durationMs ?? 5_000;
  }

  /**
   * Show a message; returns its id.
   *
   * @example
   * center.notify({ kind: 'success', message: 'Saved.' });
   */
  notify = (notification: PhaseNotification): number => {
    const id = this.nextId++;
    this.notifications = [
      ...this.notifications,
      { id, kind: notification.kind, message: notification.message },
    ];
    const duration = notification.kind === 'error' ? this.durationMs * 2 : this.durationMs;
    this.timers.set(
      id,
      setTimeout(() => this.dismiss(id), duration),
    );
    this.emit();
    return id;
  };

  dismiss = (id: number): void => {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const remaining = this.notifications.filter((notification) => notification.id !== id);
    if (remaining.length === this.notifications.length) return;
    this.notifications = remaining;
    this.emit();
  };

  getSnapshot = (): readonly ShellNotification[] => this.notifications;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
