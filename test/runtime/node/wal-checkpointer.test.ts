// WAL checkpoints on the background thread: real files, a real worker thread, real child processes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../src/runtime/node/open-sqlite.ts';
import { SAFETY_NET_PAGES } from '../../../src/runtime/node/wal-checkpointer.ts';
import { tempDbPath } from '../../helpers/app.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const sizeOf = (file: string) => statSync(file).size;

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs ESM `code` in a fresh `node --import tsx` from the repository root. */
function runNode(code: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

describe('background WAL checkpoints', () => {
  it('copies the WAL into the database file off the app connection, which only keeps a safety net', async () => {
    const path = tempDbPath();
    const { sqlite } = openSqlite(path);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_NET_PAGES);
    sqlite.exec('create table blobs (b blob)');
    const insert = sqlite.prepare('insert into blobs values (randomblob(3000))');
    const before = sizeOf(path);
    for (let i = 0; i < 2000; i++) insert.run(); // ~8 MB of WAL, one commit per row

    // Fewer frames than the safety net: the app connection has not checkpointed, so only the thread can fill the file.
    expect(sizeOf(`${path}-wal`)).toBeLessThan(SAFETY_NET_PAGES * 4096);
    await until(() => sizeOf(path) >= before + 2000 * 3000, 'the database file holds the rows');

    // Fully copied, the WAL starts over: a commit then overwrites its start instead of growing the file.
    await until(() => {
      const grownBefore = sizeOf(`${path}-wal`);
      insert.run();
      return sizeOf(`${path}-wal`) === grownBefore;
    }, 'a commit reuses the WAL from its start');
    sqlite.close();
  });

  it('restarts a WAL written without pause before the app connection would checkpoint it itself', async () => {
    const path = tempDbPath();
    const { sqlite } = openSqlite(path);
    sqlite.exec('create table ticks (n integer, r blob); create index ticks_r on ticks (r)');
    const insert = sqlite.prepare('insert into ticks values (?, randomblob(16))');
    const walFrames = () => (sizeOf(`${path}-wal`) - 32) / (4096 + 24); // header, then frames of a header and a page
    let mostFrames = 0;
    // A busy server's pace: a commit every 0.1 ms of other work, a turn of the event loop every 7 commits. Each
    // commit appends at least two pages (row and index), 2.4 times the safety net in all; no pause for PASSIVE.
    for (let i = 0; i < SAFETY_NET_PAGES * 1.2; i++) {
      insert.run(i);
      const busyUntil = performance.now() + 0.1;
      while (performance.now() < busyUntil);
      if (i % 7 === 0) {
        mostFrames = Math.max(mostFrames, walFrames());
        await new Promise((r) => setImmediate(r));
      }
    }
    // The app connection checkpoints, and a writer restarts the WAL, only once it holds SAFETY_NET_PAGES frames.
    expect(mostFrames).toBeLessThan(SAFETY_NET_PAGES);
    sqlite.close();
  });

  it('leaves checkpoints to SQLite on a connection opened with backgroundCheckpoint: false', () => {
    const { sqlite } = openSqlite(tempDbPath(), { backgroundCheckpoint: false });
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    sqlite.close();
  });

  it('never keeps a process alive: one that is done exits while the thread is still polling', () => {
    const path = tempDbPath();
    const r = runNode(`
      import { statSync } from 'node:fs';
      import { openSqlite } from './src/runtime/node/open-sqlite.ts';
      const { sqlite } = openSqlite(${JSON.stringify(path)});
      sqlite.exec('create table blobs (b blob)');
      for (let i = 0; i < 2000; i++) sqlite.prepare('insert into blobs values (randomblob(3000))').run();
      while (statSync(${JSON.stringify(path)}).size < 6_000_000) await new Promise((r) => setTimeout(r, 20));
      console.log('checkpointed in the background');
    `);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('checkpointed in the background');
    expect(r.status).toBe(0); // a timeout (the thread holding the process open) leaves status null
  });

  it('falls back to SQLite auto-checkpoints when the thread cannot start, also on connections already open', () => {
    // The real module shipped without its worker file, as a bundler that missed it would: the thread fails as it starts.
    const dir = mkdtempSync(join(tmpdir(), 'cutover-no-worker-'));
    copyFileSync(resolve(ROOT, 'src/runtime/node/wal-checkpointer.ts'), join(dir, 'wal-checkpointer.mts')); // .mts: ESM outside the package
    const r = runNode(`
      import Database from 'better-sqlite3';
      const { checkpointInBackground } = await import(${JSON.stringify(join(dir, 'wal-checkpointer.mts'))});
      const open = (name) => {
        const sqlite = new Database(${JSON.stringify(dir)} + '/' + name);
        sqlite.pragma('journal_mode = WAL');
        checkpointInBackground(sqlite, ${JSON.stringify(dir)} + '/' + name);
        return sqlite;
      };
      const autocheckpoint = (sqlite) => sqlite.pragma('wal_autocheckpoint', { simple: true });
      const first = open('first.db');
      const deadline = Date.now() + 10_000;
      while (autocheckpoint(first) !== 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const second = open('second.db');
      console.log(JSON.stringify({ first: autocheckpoint(first), second: autocheckpoint(second) }));
    `);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ first: 1000, second: 1000 });
    expect(r.stderr).toMatch(/background WAL checkpoints unavailable/);
  });
});
