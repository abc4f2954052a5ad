/**
 * Start the phase server: read the configuration, open (and migrate) the database, listen, and
 * report ready. On SIGTERM or SIGINT it reports not ready, finishes the requests in flight, closes
 * the database and exits, so a rolling deploy drops no request.
 */
import { buildServer } from './app.js';
import { loadConfig } from './config.js';
import { openDb } from './db/openDb.js';

const config = loadConfig();
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const readiness = { ready: false };
const app = await buildServer({ config, db, readiness });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  readiness.ready = false;
  app.log.info({ signal }, 'stopping: finishing requests in flight');
  try {
    await app.close();
    await db.close();
  } catch (error) {
    app.log.error({ err: error }, 'unclean stop');
    process.exit(1);
  }
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

await app.listen({ port: config.port, host: config.host });
readiness.ready = true;
app.log.info(
  {
    phase: config.phase,
    core: config.coreUrl,
    database: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`,
    corsOrigins: config.corsOrigins,
  },
  'phase server ready',
);
