// A batch survives its sender stopping mid-send: the real CLI is killed (-9, or stopped with SIGTERM), then the real
// server or CLI resumes it, and nobody gets two mails.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { getInvitationProgress } from '../../src/core/invitations/invitation-progress.ts';
import { freePort, makeTestApp, tempDbPath } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { startSesLocal, type SesLocal } from '../helpers/ses-local.ts';
import { useDummyAwsCredentials } from '../helpers/invitations.ts';
import { seedUser } from '../helpers/users.ts';

const BIN = resolve(import.meta.dirname, '../../bin/cutover.mjs');
const ENTRY = resolve(import.meta.dirname, '../../src/runtime/node/main.ts');
const TSX = resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');
const PEOPLE = 60;

let ses: SesLocal;
beforeAll(async () => {
  useDummyAwsCredentials();
  ses = await startSesLocal();
});
afterAll(() => ses.stop());

const until = async (what: string, check: () => Promise<boolean>, ms = 60_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null || child.signalCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

/** A fresh database of PEOPLE freshly migrated users, and `cutover invite --freshly-migrated --wait` running on it. */
async function startInviting() {
  await ses.clear();
  const env = {
    CUTOVER_DB: tempDbPath(), CUTOVER_MAILER: 'ses', AWS_ENDPOINT_URL_SESV2: ses.endpoint, AWS_REGION: 'us-east-1',
    CUTOVER_SES_MAX_SEND_RATE: '25', CUTOVER_SECRET: 'test-secret-test-secret-test-secret!',
  };
  const t = await makeTestApp(env);
  const people = [];
  for (let i = 0; i < PEOPLE; i++) people.push(await seedUser(t.deps, { freshlyMigrated: true }));
  const cli = spawn(process.execPath, [BIN, 'invite', '--freshly-migrated', '--wait', '--json'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  cli.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  await until('the batch id', async () => /batch (inv_\w+): 60 invitation/.test(stderr));
  const batchId = /batch (inv_\w+)/.exec(stderr)![1];
  await until('a third of the mails', async () => (await ses.emails()).length >= PEOPLE / 3);
  return { env, t, people, cli, batchId, stderr: () => stderr };
}

async function mailsPerRecipient() {
  const mails = await ses.emails();
  const per = new Map<string, number>();
  for (const m of mails) per.set(m.destination.to[0], (per.get(m.destination.to[0]) ?? 0) + 1);
  return { mails, per };
}

it('resumes on the server after kill -9: at most one mail each, every recorded MessageId in SES, the in-flight rest listed unknown', async () => {
  const { env, t, people, cli, batchId } = await startInviting();
  cli.kill('SIGKILL');
  await exited(cli);
  expect((await getInvitationProgress(t.deps, batchId)).done).toBe(false);

  // The server resumes the batch by itself (its background loop), without being told about it.
  const port = await freePort();
  const server = spawn(process.execPath, [TSX, ENTRY], { env: { ...process.env, ...env, PORT: String(port), CUTOVER_ISSUER: `http://localhost:${port}` }, stdio: 'ignore' });
  const { key } = await createAdminKey(t.deps, 'test');
  let progress: Record<string, unknown> = {};
  try {
    await until('the batch to finish on the server', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/admin/invitations/${batchId}`, { headers: { authorization: `Bearer ${key}` } }).catch(() => null);
      progress = res?.ok ? await res.json() : {};
      return progress.done === true;
    });
  } finally {
    server.kill('SIGTERM');
    await exited(server);
  }

  expect(progress.failed).toBe(0);
  expect(Number(progress.sent) + Number(progress.unknown)).toBe(PEOPLE);
  const { mails, per } = await mailsPerRecipient();
  expect(Math.max(...per.values())).toBe(1); // never twice, through the crash and the restart
  const rows = await t.deps.stores.invitations.list(batchId, { limit: 1000 });
  const recipientOf = new Map(mails.map((m) => [m.messageId, m.destination.to[0]]));
  for (const row of rows.filter((r) => r.status === 'sent')) expect(recipientOf.get(row.messageId!)).toBe(row.email);
  // Only what was in flight at the kill is unknown: at most the sender's concurrency at 25/s (13), each listed.
  const unknown = rows.filter((r) => r.status === 'unknown');
  expect(unknown).toHaveLength(Number(progress.unknown));
  expect(unknown.length).toBeLessThanOrEqual(13);
  expect(unknown.every((r) => /restart/.test(r.error ?? ''))).toBe(true);
  for (const p of people) if (rows.find((r) => r.userId === p.id)!.status === 'sent') expect(per.get(p.email!)).toBe(1);
}, 120_000);

it('after SIGTERM finishes what is in flight, and a second run sends exactly one mail to everyone', async () => {
  const { env, t, people, cli, batchId, stderr } = await startInviting();
  cli.kill('SIGTERM');
  expect(await exited(cli)).toBe(1);
  expect(stderr()).toContain(`interrupted: batch ${batchId} keeps its queue`);
  const stopped = await getInvitationProgress(t.deps, batchId);
  expect(stopped).toMatchObject({ done: false, unknown: 0, failed: 0 });

  const again = await runCli(['invite', '--batch', batchId, '--wait', '--json'], env);
  expect(again.code).toBe(0);
  expect(again.json()).toEqual({ batchId, queued: PEOPLE, sent: PEOPLE, failed: 0, unknown: 0, done: true, delivered: 0, bounced: 0, complained: 0, suppressed: 0, paused: false, pauseReason: null, rampLimit: null });
  const { mails, per } = await mailsPerRecipient();
  expect(mails).toHaveLength(PEOPLE);
  expect(people.every((p) => per.get(p.email!) === 1)).toBe(true);
}, 120_000);
