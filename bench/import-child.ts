// Child process for the import benches: imports a file into a fresh SQLite file (or, with CUTOVER_DATABASE_URL, the
// PostgreSQL database it names) and reports time and peak RSS.
import { count } from 'drizzle-orm';
import { users } from '../db/sqlite/schema.ts';
import { parseEnv } from '../src/core/shared/config.ts';
import { openDatabase } from '../src/runtime/node/open-database.ts';
import { makeDeps } from '../src/runtime/deps.ts';
import { importUsers } from '../src/core/import/import-users.ts';
import { fileSource } from '../src/cognito/file-source.ts';

const [file, dbPath] = process.argv.slice(2);
const config = parseEnv({ CUTOVER_DB: dbPath, CUTOVER_SECRET: 'bench-secret-bench-secret-bench-secret', CUTOVER_DATABASE_URL: process.env.CUTOVER_DATABASE_URL });
const database = await openDatabase(config, { backgroundCheckpoint: false }); // as the CLI opens it
const deps = await makeDeps(config, database.db);
const started = performance.now();
const report = await importUsers(deps, fileSource([file], 'us-east-1_Bench'), { tenant: 'default' });
const ms = performance.now() - started;
const [{ n: rows }] = await database.db.select({ n: count() }).from(users);
await database.close();
// maxRSS is in kilobytes (getrusage): the peak of the whole process, parsing included.
process.stdout.write(`${JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024, report: { ...report, conflicts: report.conflicts.length } })}\n`);
