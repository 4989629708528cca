// Child process for the import bench: imports a file into a fresh SQLite file and reports time and peak RSS.
import { parseEnv } from '../src/core/shared/config.ts';
import { openSqlite } from '../src/runtime/node/open-sqlite.ts';
import { makeDeps } from '../src/runtime/deps.ts';
import { importUsers } from '../src/core/import/import-users.ts';
import { fileSource } from '../src/cognito/file-source.ts';

const [file, dbPath] = process.argv.slice(2);
const config = parseEnv({ CUTOVER_DB: dbPath, CUTOVER_SECRET: 'bench-secret-bench-secret-bench-secret' });
const { db, sqlite } = openSqlite(dbPath, { backgroundCheckpoint: false }); // as the CLI opens it
const deps = await makeDeps(config, db);
const started = performance.now();
const report = await importUsers(deps, fileSource([file], 'us-east-1_Bench'), { tenant: 'default' });
const ms = performance.now() - started;
const rows = (sqlite.prepare('select count(*) as n from users').get() as { n: number }).n;
// maxRSS is in kilobytes (getrusage): the peak of the whole process, parsing included.
process.stdout.write(`${JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024, report: { ...report, conflicts: report.conflicts.length } })}\n`);
