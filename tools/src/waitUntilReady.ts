/**
 * Wait until a server answers 200 on `/readyz`: no time limit, since a busy machine may need long
 * (migrations, PGlite's first start), but it gives up as soon as `stopped` settles (the process
 * exited) and reports what it is waiting for every `reportEveryMs`, so a slow start is never silent.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Settles when waiting makes no sense any more (the server's process exited). */
  stopped: Promise<unknown>;
  /** Called now and then with what the last attempt saw. */
  onSlow?: (lastSeen: string) => void;
  reportEveryMs?: number;
}

/** Resolves `true` once `${url}/readyz` answers 200, `false` when `stopped` settled first. */
export async function waitUntilReady(url: string, options: WaitOptions): Promise<boolean> {
  let over = false;
  void options.stopped.then(
    () => {
      over = true;
    },
    () => {
      over = true;
    },
  );
  const reportEveryMs = options.reportEveryMs ?? 15_000;
  let nextReport = Date.now() + reportEveryMs;
  let lastSeen = 'not listening yet';
  while (!over) {
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status === 200) return true;
      lastSeen = `/readyz answers ${response.status}`;
    } catch {
      lastSeen = 'not listening yet';
    }
    if (Date.now() >= nextReport) {
      options.onSlow?.(lastSeen);
      nextReport = Date.now() + reportEveryMs;
    }
    await sleep(200);
  }
  return false;
}
