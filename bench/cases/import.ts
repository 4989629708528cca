// Bench: import a generated 1,000,000-user list-users file vs a raw better-sqlite3 batched insert of the same rows; peak RSS.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../harness.ts';
import { result } from '../harness.ts';
import { generatedUser, writeUsersFile } from '../../test/helpers/generate-users.ts';
import { mapCognitoUser } from '../../src/core/import/import-mapping.ts';
import { openSqlite } from '../../src/runtime/node/open-sqlite.ts';

const USERS = Number(process.env.BENCH_IMPORT_USERS ?? 1_000_000);
const CHILD = fileURLToPath(new URL('../import-child.ts', import.meta.url));

function okUser(i: number) {
  const m = mapCognitoUser(generatedUser(i), [], '');
  if (!m.ok) throw new Error('bench data must map');
  return m.user;
}

/** The rows the import writes for these users, inserted with prepared statements, 1,000 per transaction. */
function rawInsert(dbPath: string): number {
  const { sqlite } = openSqlite(dbPath, { backgroundCheckpoint: false }); // as the import child (the CLI) opens it
  const insUser = sqlite.prepare(`insert into users (id, tenant, email, email_normalized, email_verified, enabled, freshly_migrated, profile, attributes, roles, identities, created_at, updated_at, email_verified_at)
    values (?, 'default', ?, ?, ?, ?, 1, ?, ?, '[]', '[]', ?, ?, ?)`);
  const insLink = sqlite.prepare(`insert into legacy_links (user_pool_id, sub, user_id, username, status, source_hash, created_at, updated_at) values ('us-east-1_Bench', ?, ?, ?, ?, ?, ?, ?)`);
  let timed = 0;
  const now = Date.now();
  for (let start = 0; start < USERS; start += 1000) {
    // Rows are prepared outside the clock: the baseline is the database's insert speed alone.
    const rows: [string, ReturnType<typeof okUser>, string, string][] = [];
    for (let i = start; i < Math.min(USERS, start + 1000); i++) {
      const u = okUser(i);
      rows.push([`usr_${String(i).padStart(26, '0')}`, u, JSON.stringify(u.profile), JSON.stringify(u.attributes)]);
    }
    const t0 = performance.now();
    sqlite.transaction(() => {
      for (const [id, u, profile, attributes] of rows) {
        insUser.run(id, u.email, u.emailNormalized, u.emailVerified ? 1 : 0, u.enabled ? 1 : 0, profile, attributes, now, now, u.emailVerified ? now : null);
        insLink.run(u.sub, id, u.username, u.status, `c:${u.hash}`, now, now);
      }
    })();
    timed += performance.now() - t0;
  }
  sqlite.close();
  return USERS / (timed / 1000);
}

export const importBench: BenchCase = {
  name: 'import',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'cutover-bench-import-'));
    try {
      const file = join(dir, 'users.json');
      await writeUsersFile(file, USERS);
      // The baseline brackets the import (before and after, averaged): the import alone runs for half a minute or
      // more, and these machines drift by a third within minutes.
      const before = rawInsert(join(dir, 'raw-before.db'));
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, file, join(dir, 'import.db')], { maxBuffer: 1 << 20 });
      const baseline = (before + rawInsert(join(dir, 'raw-after.db'))) / 2;
      const child = JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; rows: number; maxRssMb: number };
      if (child.rows !== USERS) throw new Error(`import bench: expected ${USERS} users, found ${child.rows}`);
      const usersPerSecond = USERS / (child.ms / 1000);
      return [
        result(`import ${USERS.toLocaleString('en')} users (file → SQLite)`, usersPerSecond, 'users/s', baseline, '>= 0.3'),
        // Against a fixed 300 MB budget rather than a measured baseline: the target is absolute.
        result('import peak RSS', child.maxRssMb, 'MB', 300, '<= 1'),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
