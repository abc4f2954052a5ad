/**
 * Cache invalidation across registry replicas. A replica that changes something a cache depends
 * on publishes a topic (`signing-keys`, `sessions`, ...); every replica's subscribers to it drop
 * what they cached. On PostgreSQL the topics travel by `NOTIFY` on one channel, heard on a
 * dedicated `LISTEN` connection per replica; when that connection breaks, notifications may have
 * been missed, so every subscriber is told to drop everything and the connection is re-opened
 * with backoff. PGlite is one process: topics stay in it.
 *
 * Publish after the change committed (a reader that refills a cache in between reads the new
 * state). Example:
 *
 *   const feed = await ChangeFeed.open(db, config.databaseUrl, app.log);
 *   const stop = feed.subscribe('signing-keys', () => cache.clear());
 *   await feed.publish('signing-keys');
 */

import type { Queryable } from '@coursekit/phase-sdk/server';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

export const CHANGE_CHANNEL = 'coursekit_changes';
/** Told to every subscriber when notifications may have been lost. */
export const ALL_TOPICS = '*';

type Listener = () => void;
/** How long `publish` waits at most for its own notification to come back. */
const ECHO_WAIT_MS = 2_000;

export class ChangeFeed {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly echoes = new Map<string, Set<() => void>>();
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 100;

  private constructor(
    private readonly db: Queryable,
    private readonly databaseUrl: string | undefined,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  /**
   * A feed over PostgreSQL's `LISTEN/NOTIFY` when `databaseUrl` is set (notifications are sent
   * through `db`), else within this process.
   */
  static async open(
    db: Queryable,
    databaseUrl: string | undefined,
    log: Pick<FastifyBaseLogger, 'warn'>,
  ): Promise<ChangeFeed> {
    const feed = new ChangeFeed(db, databaseUrl, log);
    if (databaseUrl) await feed.connect();
    return feed;
  }

  /** Call `listener` whenever `topic` (or everything) changes on any replica; returns unsubscribe. */
  subscribe(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Tell every replica (this one at once) that `topic` changed. On PostgreSQL it resolves once this
   * replica has heard its own notification back, which the server signals to every listening
   * replica at the same moment: an answer sent after it is not overtaken by the invalidation.
   */
  async publish(topic: string): Promise<void> {
    this.emit(topic);
    if (!this.databaseUrl || this.closed) return;
    const echoed = this.client ? this.echo(topic) : undefined;
    await this.db.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, topic]);
    await echoed;
  }

  /** Resolves when `topic` comes back on the listening connection (or, should it not, soon after). */
  private echo(topic: string): Promise<void> {
    return new Promise((done) => {
      let waiters = this.echoes.get(topic);
      if (!waiters) {
        waiters = new Set();
        this.echoes.set(topic, waiters);
      }
      const finish = () => {
        clearTimeout(guard);
        waiters.delete(finish);
        done();
      };
      // Only a lost connection delays the echo; it drops every cache anyway.
      const guard = setTimeout(finish, ECHO_WAIT_MS);
      waiters.add(finish);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiters of this.echoes.values()) for (const finish of [...waiters]) finish();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private emit(topic: string): void {
    const targets =
      topic === ALL_TOPICS
        ? [...this.listeners.values()].flatMap((set) => [...set])
        : [...(this.listeners.get(topic) ?? []), ...(this.listeners.get(ALL_TOPICS) ?? [])];
    for (const listener of targets) listener();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL || !message.payload) return;
      this.emit(message.payload);
      for (const finish of [...(this.echoes.get(message.payload) ?? [])]) finish();
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'change feed connection lost; caches are dropped');
      void this.reconnect(client);
    });
    client.on('end', () => void this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    this.client = client;
    this.retryMs = 100;
  }

  private async reconnect(broken: pg.Client): Promise<void> {
    if (this.closed || this.client !== broken) return;
    this.client = null;
    broken.end().catch(() => {});
    // Whatever was published while nobody listened is unknown: drop every cache.
    this.emit(ALL_TOPICS);
    while (!this.closed && !this.client) {
      await new Promise((done) => setTimeout(done, this.retryMs));
      this.retryMs = Math.min(this.retryMs * 2, 5_000);
      try {
        await this.connect();
        this.emit(ALL_TOPICS);
      } catch (error) {
        this.log.warn({ err: error }, 'change feed could not reconnect; retrying');
      }
    }
  }
}
