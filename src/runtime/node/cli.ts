// The `cutover` command's entry on Node: opens the SQLite file named by the environment and runs the CLI.
import { parseEnv } from '../../core/shared/config.ts';
import { runCli } from '../../cli/main.ts';
import { makeDeps, prepare } from '../deps.ts';
import { openSqlite } from './open-sqlite.ts';

process.exitCode = await runCli(process.argv.slice(2), async () => {
  const config = parseEnv(process.env);
  // One-shot commands: a checkpoint inside a commit delays no other request, so no thread is worth starting.
  const deps = await makeDeps(config, openSqlite(config.dbPath, { backgroundCheckpoint: false }).db);
  // The CLI leaves the account client's redirect URI to the server (issue 18): its CUTOVER_ISSUER may be unset.
  await prepare(deps, { as: 'cli' });
  return deps;
});
