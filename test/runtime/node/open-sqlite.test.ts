// The embedded database's connection settings, read back from a real SQLite file opened as the server opens it.
import { afterEach, expect, it } from 'vitest';
import { openSqlite } from '../../../src/runtime/node/open-sqlite.ts';
import { tempDbPath } from '../../helpers/app.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

it('opens in WAL mode with NORMAL sync, foreign keys on, and temporary storage (statement journals) in memory', () => {
  const { sqlite } = openSqlite(tempDbPath(), { backgroundCheckpoint: false });
  close = () => sqlite.close();
  const pragma = (name: string) => sqlite.pragma(name, { simple: true });
  expect(pragma('journal_mode')).toBe('wal');
  expect(pragma('synchronous')).toBe(1); // NORMAL
  expect(pragma('foreign_keys')).toBe(1);
  expect(pragma('busy_timeout')).toBe(5000);
  // 2 = MEMORY: a batch's upsert inside a transaction no longer opens, writes and unlinks a temp file.
  expect(pragma('temp_store')).toBe(2);
});
