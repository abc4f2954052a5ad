/**
 * Start the registry: open the database (migrating it), listen, seed in development, then report
 * ready. Stops gracefully on SIGINT/SIGTERM.
 */
import { buildServer } from './app.js';
import { ALL_TOPICS } from './cache/ChangeFeed.js';
import { loadConfig } from './config.js';
import { openRegistryDb } from './db/openRegistryDb.js';
import { SEED_USERS, seed } from './seed/seed.js';

const config = loadConfig();
const db = await openRegistryDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const readiness = { ready: false };
const app = await buildServer({ config, db, readiness });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'stopping');
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
if (config.seed) {
  await seed(db, config, app.log);
  // The seed writes behind the API: no cache may keep what it read before.
  await app.changes.publish(ALL_TOPICS);
}
readiness.ready = true;

const lines = [
  '',
  `  The registry is ready at ${config.publicUrl}`,
  `  database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}`,
  `  published phases: ${config.bundleStore.kind === 's3' ? `S3 bucket ${config.bundleStore.s3.bucket}, served from ${config.bundleStore.s3.publicUrl}` : `folder ${config.remotesDir}`}`,
];
if (config.devLogin) {
  lines.push('  dev users (sign in with the email alone):');
  for (const user of SEED_USERS)
    lines.push(
      `    ${user.email.padEnd(26)} ${user.isAdmin ? 'admin' : user.role}${user.isDeveloper ? ', developer' : ''}`,
    );
}
process.stdout.write(`${lines.join('\n')}\n\n`);
