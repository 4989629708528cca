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

// Issue 18 (newcomer): the two start failures a newcomer met as stacks or late surprises, each one line now.
it('a port in use is one line naming the port, not an EADDRINUSE stack', async () => {
  const { createServer } = await import('node:net');
  const taken = createServer().listen(0);
  await new Promise((r) => taken.once('listening', r));
  const port = (taken.address() as { port: number }).port;
  try {
    const r = spawnSync(process.execPath, [TSX, ENTRY], { env: { ...process.env, PORT: String(port), CUTOVER_DB: tempDbPath() }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l && !l.includes('WARNING'));
    expect(errors).toEqual([`cutover: port ${port} is already in use (another cutover, or another program); stop it or set PORT to a free port`]);
    expect(r.stderr).not.toMatch(/EADDRINUSE|at .*\.js:\d+/);
  } finally {
    taken.close();
  }
});

it('CUTOVER_MAILER=ses without AWS credentials stops at start, saying so', () => {
  const env: Record<string, string | undefined> = { ...process.env, CUTOVER_DB: tempDbPath(), CUTOVER_MAILER: 'ses', AWS_REGION: 'eu-west-1',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true' };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE']) delete env[k];
  const r = spawnSync(process.execPath, [TSX, ENTRY], { env, encoding: 'utf8', timeout: 30_000 });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('cutover: CUTOVER_MAILER=ses needs AWS credentials and none were found');
  expect(r.stdout).not.toContain('listening');
});
