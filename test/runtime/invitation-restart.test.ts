// A batch survives kill -9 mid-send: after a restart it resumes by itself, and nobody gets two mails.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createInvitationBatch } from '../../src/core/create-invitation-batch.ts';
import { getInvitationProgress } from '../../src/core/invitation-progress.ts';
import { makeTestApp, tempDbPath, type TestApp } from '../helpers/app.ts';
import { startSesLocal, type SesLocal } from '../helpers/ses-local.ts';
import { useDummyAwsCredentials } from '../helpers/invitations.ts';
import { seedUser } from '../helpers/users.ts';

const WORKER = resolve(import.meta.dirname, '../helpers/invite-worker.ts');
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

function worker(env: Record<string, string>, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}
const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

it('resumes after kill -9 with at most one mail per person, every recorded MessageId in SES, and the rest listed unknown', async () => {
  const env = {
    CUTOVER_DB: tempDbPath(), CUTOVER_MAILER: 'ses', AWS_ENDPOINT_URL_SESV2: ses.endpoint, AWS_REGION: 'us-east-1',
    CUTOVER_SES_MAX_SEND_RATE: '25', CUTOVER_SECRET: 'test-secret-test-secret-test-secret!',
  };
  const t: TestApp = await makeTestApp(env);
  const people = [];
  for (let i = 0; i < PEOPLE; i++) people.push(await seedUser(t.deps, { freshlyMigrated: true }));
  const { batchId } = await createInvitationBatch(t.deps, { freshlyMigrated: true });

  const first = worker(env, ['drain', batchId]);
  await until('a third of the mails', async () => (await ses.emails()).length >= PEOPLE / 3);
  first.kill('SIGKILL');
  await exited(first);
  const atCrash = await getInvitationProgress(t.deps, batchId);
  expect(atCrash.done).toBe(false);

  // The restarted process resumes the batch by itself (no batch id given), as the server's background loop does.
  const second = worker(env, ['loop']);
  try {
    await until('the batch to finish', async () => (await getInvitationProgress(t.deps, batchId)).done);
  } finally {
    second.kill('SIGKILL');
    await exited(second);
  }

  const progress = await getInvitationProgress(t.deps, batchId);
  expect(progress.failed).toBe(0);
  expect(progress.sent + progress.unknown).toBe(PEOPLE);
  const mails = await ses.emails();
  const perRecipient = new Map<string, number>();
  for (const m of mails) perRecipient.set(m.destination.to[0], (perRecipient.get(m.destination.to[0]) ?? 0) + 1);
  // Never twice, through the crash and the restart.
  expect(Math.max(...perRecipient.values())).toBe(1);
  const rows = await t.deps.stores.invitations.list(batchId, { limit: 1000 });
  const byMessageId = new Map(mails.map((m) => [m.messageId, m.destination.to[0]]));
  for (const row of rows.filter((r) => r.status === 'sent')) expect(byMessageId.get(row.messageId!)).toBe(row.email);
  // Only what was in flight at the kill can be unknown (at most the sender's concurrency), and those are listed.
  const unknown = rows.filter((r) => r.status === 'unknown');
  expect(unknown.length).toBe(progress.unknown);
  expect(unknown.length).toBeLessThanOrEqual(13);
  expect(unknown.every((r) => /restart/.test(r.error ?? ''))).toBe(true);
  // Everyone else got exactly one mail; an unknown one may or may not have reached SES.
  expect(mails.length).toBeGreaterThanOrEqual(progress.sent);
  expect(mails.length).toBeLessThanOrEqual(PEOPLE);
  for (const p of people) {
    const row = rows.find((r) => r.userId === p.id)!;
    if (row.status === 'sent') expect(perRecipient.get(p.email!)).toBe(1);
  }
}, 120_000);
