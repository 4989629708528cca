// The `cutover` command's entry on Node: opens the database named by the environment (PostgreSQL or the SQLite file)
// and runs the CLI; `migrate` and `db copy` get the database upkeep they need from here.
import { parseEnv, ConfigError } from '../../core/shared/config.ts';
import { runCli } from '../../cli/main.ts';
import type { Maintenance } from '../../cli/command.ts';
import { makeDeps, prepare } from '../deps.ts';
import { openDatabase } from './open-database.ts';
import { openSqlite } from './open-sqlite.ts';
import { openPostgres, describeDatabaseUrl } from './open-postgres.ts';
import { migratePostgres } from '../../storage/postgres-migrations.ts';
import { copySqliteToPostgres } from './copy-sqlite-to-postgres.ts';

const opened: Array<() => Promise<void>> = [];

const maintenance: Maintenance = {
  async migrate() {
    const config = parseEnv(process.env);
    if (!config.databaseUrl) {
      // Opening the file migrates it.
      openSqlite(config.dbPath, { backgroundCheckpoint: false }).sqlite.close();
      return { database: config.dbPath, applied: 0 };
    }
    const pg = await openPostgres(config, { migrate: false, counters: false });
    try {
      return { database: describeDatabaseUrl(config.databaseUrl), applied: await migratePostgres(pg.pool) };
    } finally {
      await pg.close();
    }
  },
  async copySqliteToPostgres(path, progress) {
    const config = parseEnv(process.env);
    if (!config.databaseUrl) throw new ConfigError('CUTOVER_DATABASE_URL must name the PostgreSQL database to copy into');
    // Opening the SQLite file brings it to the newest schema first, as the PostgreSQL side is.
    openSqlite(path, { backgroundCheckpoint: false }).sqlite.close();
    const pg = await openPostgres(config, { migrate: true, counters: false });
    try {
      return await copySqliteToPostgres(path, pg.pool, { from: path, to: describeDatabaseUrl(config.databaseUrl) }, progress);
    } finally {
      await pg.close();
    }
  },
};

process.exitCode = await runCli(process.argv.slice(2), async () => {
  const config = parseEnv(process.env);
  // One-shot commands: a checkpoint inside a commit delays no other request, so no thread is worth starting.
  const database = await openDatabase(config, { backgroundCheckpoint: false });
  opened.push(database.close);
  const deps = await makeDeps(config, database.db);
  // The CLI leaves the account client's redirect URI to the server (issue 18): its CUTOVER_ISSUER may be unset.
  await prepare(deps, { as: 'cli' });
  return deps;
}, maintenance);
// A pg pool keeps the event loop alive: close what was opened so the command exits.
await Promise.all(opened.map((close) => close()));
