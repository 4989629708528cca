// `cutover import file` end to end through the real CLI: report shape, re-runs, kill -9, broken files, dry run.
import { fileURLToPath } from 'node:url';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.ts';
import { tempDbPath } from '../helpers/app.ts';
import { writeUsersFile } from '../helpers/generate-users.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/list-users.sample.json', import.meta.url)); // in the clone, not only on this machine
const REPORT_KEYS = ['source', 'created', 'updated', 'unchanged', 'merged', 'conflicts', 'groups', 'memberships', 'durationMs'];

function counts(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      users: one('select count(*) as n from users'),
      links: one('select count(*) as n from legacy_links'),
      distinctSubs: one('select count(distinct sub) as n from legacy_links'),
      runs: one('select count(*) as n from import_runs'),
      conflicts: one('select count(*) as n from import_conflicts'),
    };
  } finally {
    db.close();
  }
}

describe('cutover import file', () => {
  it('imports the fixture with the exact --json report, and a re-run creates nothing', async () => {
    const dbPath = tempDbPath();
    const first = await runCli(['import', 'file', FIXTURE, '--user-pool-id', 'us-east-1_Fixture', '--json'], { CUTOVER_DB: dbPath });
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(Object.keys(report)).toEqual(REPORT_KEYS);
    expect(report).toMatchObject({ source: `file:${FIXTURE}`, created: 9, updated: 0, unchanged: 0, merged: 1, conflicts: [], groups: 0, memberships: 0 });
    expect(report.durationMs).toBeGreaterThanOrEqual(0);
    expect(counts(dbPath)).toMatchObject({ users: 9, links: 10 });
    const again = await runCli(['import', 'file', FIXTURE, '--user-pool-id', 'us-east-1_Fixture', '--json'], { CUTOVER_DB: dbPath });
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 10, merged: 0 });
    expect(counts(dbPath)).toMatchObject({ users: 9, links: 10 });
  });

  it('--dry-run writes nothing and prints what would happen', async () => {
    const dbPath = tempDbPath();
    const dry = await runCli(['import', 'file', FIXTURE, '--dry-run'], { CUTOVER_DB: dbPath });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/dry run \(nothing written\): would import .* created 9, updated 0, unchanged 0, merged 1, conflicts 0/s);
    // issue 18 (newcomer): a file carries no groups, and the import says so instead of leaving roles silently empty
    expect(dry.stdout).toContain('note: groups were not carried: list-users files hold no group memberships');
    expect(counts(dbPath)).toEqual({ users: 0, links: 0, distinctSubs: 0, runs: 0, conflicts: 0 });
  });

  it('a truncated or corrupt file exits non-zero naming the position; the fixed file then completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutover-import-'));
    const file = join(dir, 'users.json');
    const dbPath = tempDbPath();
    const full = readFileSync(FIXTURE);
    writeFileSync(file, full.subarray(0, 3000));
    const cut = await runCli(['import', 'file', file, '--json'], { CUTOVER_DB: dbPath });
    expect(cut.code).not.toBe(0);
    expect(cut.stderr).toMatch(new RegExp(`users\\.json: byte 3000 \\(line \\d+\\), user index \\d+: file is truncated`));
    expect(cut.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(file, full.toString().replace('"Fed User"', '"Fed User'));
    const corrupt = await runCli(['import', 'file', file], { CUTOVER_DB: dbPath });
    expect(corrupt.code).not.toBe(0);
    expect(corrupt.stderr).toMatch(/users\.json: byte \d+ \(line \d+\), user index 6: not valid JSON/);
    copyFileSync(FIXTURE, file);
    const fixed = await runCli(['import', 'file', file, '--json'], { CUTOVER_DB: dbPath });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ source: `file:${file}` });
    expect(counts(dbPath)).toMatchObject({ users: 9, links: 10 });
  });

  it('kill -9 mid-import, then --resume and a re-run, ends exact with no duplicates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutover-import-'));
    const file = join(dir, 'big.jsonl');
    const N = 30_000;
    await writeUsersFile(file, N, 'jsonl');
    const dbPath = tempDbPath();
    const child = startCli(['import', 'file', file, '--user-pool-id', 'us-east-1_Big'], { CUTOVER_DB: dbPath });
    const exited = new Promise((r) => child.once('exit', r));
    // Wait until some batches are committed, then kill without warning.
    for (let i = 0; ; i++) {
      await new Promise((r) => setTimeout(r, 100));
      let n = 0;
      try {
        n = counts(dbPath).users;
      } catch {
        // the database is not created yet
      }
      if (n >= 1000) break;
      if (i > 600 || child.exitCode !== null) throw new Error('import finished or never started before the kill');
    }
    child.kill('SIGKILL');
    await exited;
    const partial = counts(dbPath);
    expect(partial.users).toBeGreaterThan(0);
    expect(partial.users).toBeLessThan(N);
    expect(partial.links).toBe(partial.users); // whole batches only: every user has its link
    const resumed = await runCli(['import', 'file', file, '--user-pool-id', 'us-east-1_Big', '--resume', '--json'], { CUTOVER_DB: dbPath });
    expect(resumed.code, resumed.stderr).toBe(0);
    // The resumed run accounts for every source user, the killed part included.
    expect(JSON.parse(resumed.stdout)).toMatchObject({ created: N, updated: 0, unchanged: 0, merged: 0, conflicts: [] });
    expect(counts(dbPath)).toMatchObject({ users: N, links: N, distinctSubs: N });
    const rerun = await runCli(['import', 'file', file, '--user-pool-id', 'us-east-1_Big', '--json'], { CUTOVER_DB: dbPath });
    expect(JSON.parse(rerun.stdout)).toMatchObject({ created: 0, unchanged: N });
    expect(counts(dbPath)).toMatchObject({ users: N, links: N, distinctSubs: N });
  }, 240_000);

  it('lists stored conflicts with `cutover import conflicts`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cutover-import-'));
    const dbPath = tempDbPath();
    const user = (sub: string, email: string, verified: boolean) => ({ Username: sub, Attributes: [{ Name: 'sub', Value: sub }, { Name: 'email', Value: email }, { Name: 'email_verified', Value: String(verified) }], Enabled: true, UserStatus: 'CONFIRMED' });
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ Users: [user('a1', 'same@example.com', false)] }));
    writeFileSync(join(dir, 'b.jsonl'), `${JSON.stringify(user('b1', 'Same@Example.com', true))}\n`);
    const r = await runCli(['import', 'file', join(dir, 'a.json'), join(dir, 'b.jsonl'), '--tenant', 'acme', '--json'], { CUTOVER_DB: dbPath });
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 1, conflicts: [{ legacySub: 'b1', reason: expect.stringMatching(/^email_unverified_in_tenant/) }] });
    const listed = await runCli(['import', 'conflicts', '--json'], { CUTOVER_DB: dbPath });
    expect(JSON.parse(listed.stdout).conflicts).toEqual([expect.objectContaining({ tenant: 'acme', userPoolId: 'file:a', legacySub: 'b1', email: 'Same@Example.com' })]);
    const none = await runCli(['import', 'conflicts', '--tenant', 'default'], { CUTOVER_DB: dbPath });
    expect(none.stdout.trim()).toBe('no import conflicts');
    const bad = await runCli(['import', 'file', join(dir, 'a.json'), '--tenant', 'no spaces'], { CUTOVER_DB: dbPath });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tenant/);
  });
});
