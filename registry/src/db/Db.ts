/**
 * The registry's data layer is the SDK's (`@coursekit/phase-sdk/server`), shared with every phase
 * server; import it from there. This re-export keeps older imports of `db/Db.js` compiling.
 */
export type { Db, Queryable, SqlValue } from '@coursekit/phase-sdk/server';
