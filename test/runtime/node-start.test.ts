// `npm start`'s entry as a real process: migrates a fresh file, serves discovery; a bad variable stops it with its name.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { freePort, tempDbPath } from '../helpers/app.ts';

const ENTRY = resolve(import.meta.dirname, '../../src/runtime/node/main.ts');
const TSX = resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');

it('starts on a fresh database and serves discovery and the account client', async () => {
  const port = await freePort();
  const db = tempDbPath();
  const child = spawn(process.execPath, [TSX, ENTRY], { env: { ...process.env, PORT: String(port), CUTOVER_DB: db, CUTOVER_ISSUER: `http://localhost:${port}` }, stdio: 'pipe' });
  try {
    const deadline = Date.now() + 30_000;
    let res: Response | null = null;
    while (!res && Date.now() < deadline) {
      res = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`).catch(() => null);
      if (!res) await new Promise((r) => setTimeout(r, 200));
    }
    expect(res?.status).toBe(200);
    expect((await res!.json()).issuer).toBe(`http://localhost:${port}`);
    expect(existsSync(db)).toBe(true);
  } finally {
    child.kill('SIGTERM');
  }
});

it('refuses a bad variable, naming it', () => {
  const r = spawnSync(process.execPath, [TSX, ENTRY], { env: { ...process.env, CUTOVER_DB: tempDbPath(), CUTOVER_MAILER: 'pigeon' }, encoding: 'utf8', timeout: 30_000 });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/CUTOVER_MAILER/);
});
