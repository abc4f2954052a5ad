/**
 * The change feed that keeps replicas' caches honest: a topic published by one replica reaches
 * the subscribers of another through PostgreSQL's LISTEN/NOTIFY; a lost listening connection makes
 * every subscriber drop everything and is re-opened; on PGlite topics stay in the process.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOPICS, CHANGE_CHANNEL, ChangeFeed } from '../cache/ChangeFeed.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from './support/testDb.js';

const quiet = { warn: () => {} };

/** Resolves the next time `topic` reaches `feed`. */
const next = (feed: ChangeFeed, topic: string) =>
  new Promise<void>((done) => {
    const stop = feed.subscribe(topic, () => {
      stop();
      done();
    });
  });

describe('change feed on PostgreSQL', () => {
  let testDb: TestDb;
  let url: string;
  let replicaA: ChangeFeed;
  let replicaB: ChangeFeed;

  beforeAll(async () => {
    testDb = await createTestDb('postgres');
    const [{ name }] = (await testDb.db.query<{ name: string }>(
      'SELECT current_database() AS name',
    )) as [{ name: string }];
    const parsed = new URL(TEST_DATABASE_URL);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    [replicaA, replicaB] = await Promise.all([
      ChangeFeed.open(testDb.db, url, quiet),
      ChangeFeed.open(testDb.db, url, quiet),
    ]);
  });
  afterAll(async () => {
    await Promise.all([replicaA?.close(), replicaB?.close()]);
    await testDb?.drop();
  });

  it('delivers a topic published by one replica to the other, and to itself', async () => {
    const heardByB = next(replicaB, 'signing-keys');
    const heardByA = next(replicaA, 'signing-keys');
    await replicaA.publish('signing-keys');
    await Promise.all([heardByA, heardByB]);
  });

  it('tells only the subscribers of that topic (and of everything)', async () => {
    let sessions = 0;
    let everything = 0;
    const stopSessions = replicaB.subscribe('sessions', () => sessions++);
    const stopAll = replicaB.subscribe(ALL_TOPICS, () => everything++);
    const heard = next(replicaB, 'signing-keys');
    await replicaA.publish('signing-keys');
    await heard;
    expect(sessions).toBe(0);
    expect(everything).toBe(1);
    stopSessions();
    stopAll();
  });

  it('drops every cache when its listening connection is lost, then listens again', async () => {
    const dropped = next(replicaB, ALL_TOPICS);
    // Kill the listening backends of this database, as a failover or a network cut would.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE $1`,
        [`LISTEN ${CHANGE_CHANNEL}%`],
      );
    } finally {
      await admin.end();
    }
    await dropped;
    // Once reconnected (it tells everything again), topics flow as before.
    const reconnected = next(replicaB, ALL_TOPICS);
    await reconnected;
    const heard = next(replicaB, 'sessions');
    await replicaA.publish('sessions');
    await heard;
  });
});

describe('change feed on PGlite', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb('pglite');
  });
  afterAll(async () => testDb?.drop());

  it('delivers topics within the process', async () => {
    const feed = await ChangeFeed.open(testDb.db, undefined, quiet);
    const heard = next(feed, 'sessions');
    await feed.publish('sessions');
    await heard;
    await feed.close();
  });
});
