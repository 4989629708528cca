// A campaign against aws-ses-v2-local with SES events posted as signed SNS deliveries over real HTTP: bounces and
// complaints suppress, a bounce rate over the threshold pauses the campaign, resuming sends nobody twice (SPEC §13).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSesLocal, type SesLocal } from '../helpers/ses-local.ts';
import { campaignProgress, campaignRecipients, startSesServer, useDummyAwsCredentials, type InviteServer } from '../helpers/invitations.ts';
import { seedUser } from '../helpers/users.ts';
import { postJson } from '../helpers/email-flow.ts';
import { bounce, complaint, delivery, postToCutover, sesEventJson, startSnsStandIn, TOPIC_ARN, type SnsStandIn } from '../helpers/sns.ts';
import { createInvitationSender } from '../../src/core/invitations/invitation-sender.ts';
import { drainInvitationBatch } from '../../src/core/invitations/drain-invitation-batch.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';

let ses: SesLocal;
let sns: SnsStandIn;
let s: InviteServer;
beforeAll(async () => {
  useDummyAwsCredentials();
  [ses, sns] = await Promise.all([startSesLocal(), startSnsStandIn()]);
  s = await startSesServer(ses.endpoint, {
    CUTOVER_SES_EVENTS_TOPIC_ARNS: TOPIC_ARN, CUTOVER_SNS_CERT_HOSTS: sns.origin, CUTOVER_CAMPAIGN_MIN_OUTCOMES: '10', CUTOVER_SIGN_IN_MAIL_SHARE: '0',
  });
});
afterAll(async () => {
  await s.close();
  await Promise.all([ses.stop(), sns.close()]);
});
beforeEach(() => ses.clear());

const recipients = (batchId: string) => campaignRecipients(s, batchId);
const progress = (batchId: string) => campaignProgress(s, batchId);
async function post(event: Record<string, unknown>) {
  const res = await postToCutover(s.url, await sns.sesEvent(event));
  expect(res.status).toBe(200);
  return (await res.json()).event;
}
const batchOf = async (json: unknown) => (await (await s.admin('/v1/admin/invitations', { method: 'POST', json })).json()).batchId as string;

describe('SES events on an invitation campaign', () => {
  it('suppresses bounces, pauses over the bounce threshold with its reason, and resumes without sending anyone twice', async () => {
    const people = [];
    for (let i = 0; i < 30; i++) people.push(await seedUser(s.deps, { freshlyMigrated: true, tenant: 'camp' }));
    const client = await (await s.admin('/v1/admin/clients', { method: 'POST', json: { name: 'Camp', redirectUris: ['https://camp.example.com/cb'], tenant: 'camp' } })).json();
    const batchId = await batchOf({ freshlyMigrated: true, tenant: 'camp', clientId: client.clientId });
    // A first cohort: 12 people, sent one at a time.
    const sender = createInvitationSender({ maxSendRate: 1000, concurrency: 1 });
    while ((await recipients(batchId)).filter((r) => r.status === 'sent').length < 12) await sender.run(s.deps, { batchId, budgetMs: 1 });
    const sent = (await recipients(batchId)).filter((r) => r.status === 'sent');
    expect(sent.length).toBeGreaterThanOrEqual(12);

    // Out of order and repeated: a late Send after the Delivery changes nothing; the same bounce twice counts once.
    await post(delivery(sent[0].messageId!, sent[0].email));
    expect(await post(sesEventJson('Send', sent[0].messageId!, sent[0].email, { send: {} }))).toMatchObject({ changed: false });
    for (const r of sent.slice(1, 8)) await post(delivery(r.messageId!, r.email));
    await post(bounce(sent[9].messageId!, sent[9].email, 'Transient', 'MailboxFull'));
    expect(await progress(batchId)).toMatchObject({ delivered: 8, bounced: 0, paused: false });
    // A transient bounce does not suppress; permanent ones do. Nine outcomes are too few to judge; the second permanent bounce makes 2 of 10.
    expect(await post(bounce(sent[10].messageId!, sent[10].email))).toMatchObject({ changed: true, paused: false });
    expect(await post(bounce(sent[10].messageId!, sent[10].email))).toMatchObject({ changed: false });
    expect(await post(bounce(sent[11].messageId!, sent[11].email))).toMatchObject({ changed: true, paused: true });

    const paused = await progress(batchId);
    expect(paused).toMatchObject({ queued: 30, delivered: 8, bounced: 2, complained: 0, paused: true, done: false });
    expect(paused.pauseReason).toMatch(/^bounce rate 20\.00% reached the 5\.00% limit over 10 outcomes/);
    const [audit] = await s.deps.stores.audit.list({ type: 'invitations.batch_paused', limit: 5 });
    expect(audit.detail).toMatchObject({ batchId, bounced: 2, outcomes: 10 });
    const suppressed = (await (await s.admin('/v1/admin/suppressions?limit=200')).json()).suppressions.map((x: { email: string; reason: string }) => [x.email, x.reason]);
    expect(suppressed).toEqual(expect.arrayContaining([[sent[10].email, 'bounce'], [sent[11].email, 'bounce']]));
    expect(suppressed.map(([e]: string[]) => e)).not.toContain(sent[9].email);

    // Paused: a sender pass claims nothing.
    const mailsBefore = (await ses.emails()).length;
    expect(await sender.run(s.deps, { batchId, budgetMs: 200 })).toMatchObject({ sent: 0 });
    expect((await ses.emails()).length).toBe(mailsBefore);
    expect((await s.admin(`/v1/admin/invitations/${batchId}/resume`, { method: 'POST' })).status).toBe(200);
    expect((await s.admin(`/v1/admin/invitations/${batchId}/resume`, { method: 'POST' })).status).toBe(409);
    const done = await drainInvitationBatch(s.deps, batchId, { sender });
    expect(done).toMatchObject({ queued: 30, sent: 30, done: true, paused: false, pauseReason: null });
    // Everyone once over the whole campaign: the cohort before the pause plus the rest after it.
    const all = await recipients(batchId);
    expect(new Set(all.map((r) => r.messageId)).size).toBe(30);
    const afterResume = (await ses.emails()).slice(mailsBefore).flatMap((m) => m.destination.to);
    expect(mailsBefore).toBe(sent.length);
    expect(afterResume).toHaveLength(30 - sent.length);
    expect(afterResume.filter((to) => sent.some((r) => r.email === to))).toEqual([]);
    expect((await s.deps.stores.audit.list({ type: 'invitations.batch_resumed', limit: 5 }))).toHaveLength(1);

    // The next campaign skips the suppressed addresses; sign-in mail still reaches them when they ask.
    await ses.clear();
    const next = await batchOf({ userIds: people.map((p) => p.id), clientId: client.clientId });
    expect(await drainInvitationBatch(s.deps, next, { sender })).toMatchObject({ queued: 30, sent: 28, suppressed: 2, done: true });
    const nextTo = (await ses.emails()).flatMap((m) => m.destination.to);
    expect(nextTo).toHaveLength(28);
    expect(nextTo).not.toContain(sent[10].email);
    expect((await recipients(next)).filter((r) => r.status === 'suppressed').map((r) => r.email).sort()).toEqual([sent[10].email, sent[11].email].sort());
    await ses.clear();
    expect((await postJson(s.url, '/v1/auth/otp', { email: sent[10].email, clientId: client.clientId })).status).toBe(202);
    expect(await processPendingMail(s.deps)).toMatchObject({ sent: 1 });
    expect((await ses.emails()).map((m) => m.destination.to[0])).toEqual([sent[10].email]);

    // Lifting a suppression lets invitations go again.
    const lifted = await s.admin(`/v1/admin/suppressions/${encodeURIComponent(sent[10].email)}`, { method: 'DELETE' });
    expect(lifted.status).toBe(200);
    expect((await s.admin(`/v1/admin/suppressions/${encodeURIComponent(sent[10].email)}`, { method: 'DELETE' })).status).toBe(404);
    expect(await s.deps.stores.suppressions.suppressedAmong([sent[10].email, sent[11].email])).toEqual(new Set([sent[11].email]));
  });

  it('a complaint suppresses, and pauses once the complaint rate reaches its threshold; sign-in mail status is kept too', async () => {
    const people = [];
    for (let i = 0; i < 12; i++) people.push(await seedUser(s.deps, { freshlyMigrated: true, tenant: 'plaint' }));
    const client = await (await s.admin('/v1/admin/clients', { method: 'POST', json: { name: 'P', redirectUris: ['https://p.example.com/cb'], tenant: 'plaint' } })).json();
    const batchId = await batchOf({ freshlyMigrated: true, tenant: 'plaint', clientId: client.clientId });
    await drainInvitationBatch(s.deps, batchId, { sender: createInvitationSender({ maxSendRate: 1000 }) });
    const sent = await recipients(batchId);
    for (const r of sent.slice(0, 10)) await post(delivery(r.messageId!, r.email));
    expect(await post(complaint(sent[0].messageId!, sent[0].email))).toMatchObject({ changed: true, paused: true });
    expect(await progress(batchId)).toMatchObject({ delivered: 10, complained: 1, paused: true, pauseReason: expect.stringMatching(/^complaint rate 10\.00%/) });
    expect((await s.admin('/v1/admin/suppressions')).status).toBe(200);
    expect(await s.deps.stores.suppressions.suppressedAmong([sent[0].email])).toEqual(new Set([sent[0].email]));

    // A sign-in mail's events are matched to it by MessageId too.
    await ses.clear();
    await postJson(s.url, '/v1/auth/otp', { email: people[3].email, clientId: client.clientId });
    await processPendingMail(s.deps);
    const [mail] = await ses.emails();
    await post(delivery(mail.messageId, people[3].email!));
    expect(await s.deps.stores.mailEvents.statusOf(mail.messageId)).toMatchObject({ status: 'delivered', kind: 'sign-in', batchId: null });
  });

  it('answers bad admin input with a 4xx naming the field', async () => {
    expect((await fetch(`${s.url}/v1/admin/suppressions`)).status).toBe(401);
    const bad = await s.admin('/v1/admin/suppressions?limit=0');
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/^limit/);
    const notEmail = await s.admin('/v1/admin/suppressions/nope', { method: 'DELETE' });
    expect(notEmail.status).toBe(400);
    expect((await notEmail.json()).message).toMatch(/^email/);
    expect((await s.admin('/v1/admin/invitations/inv_nope/resume', { method: 'POST' })).status).toBe(404);
  });
});
