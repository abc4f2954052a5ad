/**
 * A write load that can tell a lost acknowledged write from a lost answer: one writer per
 * document, each writing an increasing counter with `If-Match`. Whatever happens to the servers,
 * the stored counter must be at least the last one acknowledged and at most the last one sent.
 */
import { type CoursekitClient, STUDENTS } from './CoursekitClient.js';

export interface WriterResult {
  path: string;
  email: string;
  acknowledged: number;
  attempted: number;
  failures: number;
  writes: number;
}

export interface WriteLoad {
  /** Resolves once `count` more writes were acknowledged (all writers together). */
  acknowledgedAtLeast(count: number): Promise<void>;
  stop(): Promise<WriterResult[]>;
}

/** Every student's own document in the first `phases` course phases, one writer each. */
export async function ownDocuments(client: CoursekitClient, origin: string, phases = 2) {
  const { phases: resolved } = await client.course(origin);
  const targets: { email: string; path: string }[] = [];
  for (const email of STUDENTS) {
    const id = await client.userId(origin, email);
    for (const phase of resolved.slice(0, phases))
      targets.push({
        email,
        path: `/api/course-phases/${phase.coursePhaseId}/participants/${id}/data/own`,
      });
  }
  return targets;
}

export function startWriteLoad(
  client: CoursekitClient,
  origin: string,
  targets: { email: string; path: string }[],
): WriteLoad {
  let stopped = false;
  let total = 0;
  const waiters: { at: number; done: () => void }[] = [];
  const acknowledged = () => {
    total++;
    for (const waiter of waiters.filter((w) => total >= w.at)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.done();
    }
  };
  const writers = targets.map(async ({ email, path }): Promise<WriterResult> => {
    const result = { path, email, acknowledged: 0, attempted: 0, failures: 0, writes: 0 };
    let version = 0;
    while (!stopped) {
      const next = result.attempted + 1;
      result.attempted = next;
      let response: Response;
      try {
        response = await client.call(origin, email, path, {
          method: 'PUT',
          body: { n: next },
          headers: { 'if-match': `"${version}"` },
        });
      } catch {
        result.failures++;
        // The server is gone; the next attempt goes wherever the entry sends it.
        await new Promise((done) => setTimeout(done, 20));
        continue;
      }
      if (response.status === 200) {
        version = ((await response.json()) as { version: number }).version;
        result.acknowledged = next;
        result.writes++;
        acknowledged();
      } else if (response.status === 409) {
        // A write whose answer was lost may have committed: re-read, never overwrite.
        version = ((await response.json()) as { current: { version: number } }).current.version;
      } else {
        await response.body?.cancel();
        result.failures++;
        await new Promise((done) => setTimeout(done, 20));
      }
    }
    return result;
  });
  return {
    acknowledgedAtLeast: (count) =>
      new Promise<void>((done) => {
        const at = total + count;
        if (total >= at) done();
        else waiters.push({ at, done });
      }),
    stop: async () => {
      stopped = true;
      return Promise.all(writers);
    },
  };
}

/** Check every writer's document against what it was told. */
export async function storedCounters(
  client: CoursekitClient,
  origin: string,
  results: WriterResult[],
) {
  return Promise.all(
    results.map(async (result) => ({
      ...result,
      stored:
        (await client.json<{ doc: { n: number } | null }>(origin, result.email, result.path)).doc
          ?.n ?? 0,
    })),
  );
}
