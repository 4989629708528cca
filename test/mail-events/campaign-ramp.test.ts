// The campaign ramp (issue 17) against aws-ses-v2-local, with SES events posted over real HTTP (SNS and EventBridge):
// a first cohort, widening only once the step is settled and its rates are low, a pause with its reason when a
// small cohort bounces too much (before the automatic pause has enough outcomes to judge), and nobody mailed twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSesLocal, type SesLocal } from '../helpers/ses-local.ts';
import { campaignProgress, campaignRecipients, startSesServer, useDummyAwsCredentials, type CampaignRecipient, type InviteServer } from '../helpers/invitations.ts';
import { seedUser } from '../helpers/users.ts';
import { bounce, delivery, eventBridgeEnvelope, postEventBridge, postToCutover, startSnsStandIn, TOPIC_ARN, type SnsStandIn } from '../helpers/sns.ts';
import { createInvitationSender } from '../../src/core/invitations/invitation-sender.ts';
import { drainInvitationBatch } from '../../src/core/invitations/drain-invitation-batch.ts';
import { startTestServer } from '../helpers/app.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';

const SECRET = 'eventbridge-secret-eventbridge-secret-0123';
let ses: SesLocal;
let sns: SnsStandIn;
let s: InviteServer;
beforeAll(async () => {
  useDummyAwsCredentials();
  [ses, sns] = await Promise.all([startSesLocal(), startSnsStandIn()]);
  s = await startSesServer(ses.endpoint, {
    CUTOVER_SES_EVENTS_TOPIC_ARNS: TOPIC_ARN, CUTOVER_SNS_CERT_HOSTS: sns.origin, CUTOVER_SES_EVENTBRIDGE_SECRET: SECRET,
    // High enough that the per-event automatic pause never judges these small cohorts: only the ramp does.
    CUTOVER_CAMPAIGN_MIN_OUTCOMES: '1000', CUTOVER_SIGN_IN_MAIL_SHARE: '0',
  });
});
afterAll(async () => {
  await s.close();
  await Promise.all([ses.stop(), sns.close()]);
});
beforeEach(() => ses.clear());

type Recipient = CampaignRecipient;
const recipients = (batchId: string) => campaignRecipients(s, batchId);
const progress = (batchId: string) => campaignProgress(s, batchId);
/** Half the events come through SNS, half through EventBridge: both reach the same recording. */
let flip = 0;
async function post(event: { eventType: string } & Record<string, unknown>) {
  const res = flip++ % 2 ? await postToCutover(s.url, await sns.sesEvent(event)) : await postEventBridge(s.url, eventBridgeEnvelope(event), SECRET);
  expect(res.status).toBe(200);
}
const deliverAll = async (rs: Recipient[]) => { for (const r of rs) await post(delivery(r.messageId!, r.email)); };

describe('a ramped campaign', () => {
  it('mails a first cohort, widens while the rates stay low, pauses a cohort that bounces, and resumes with nobody twice', async () => {
    for (let i = 0; i < 40; i++) await seedUser(s.deps, { freshlyMigrated: true, tenant: 'ramp' });
    const client = await (await s.admin('/v1/admin/clients', { method: 'POST', json: { name: 'R', redirectUris: ['https://r.example.com/cb'], tenant: 'ramp' } })).json();
    const created = await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true, tenant: 'ramp', clientId: client.clientId, ramp: { firstCohort: 5, growth: 2 } } });
    expect(created.status).toBe(202);
    const { batchId } = await created.json();
    const sender = createInvitationSender({ maxSendRate: 1000 });
    const pass = () => sender.run(s.deps, { batchId, budgetMs: 50 });
    const sent = async () => (await recipients(batchId)).filter((r) => r.status === 'sent');

    // The first cohort only, however many passes run.
    await pass();
    await pass();
    expect(await progress(batchId)).toMatchObject({ queued: 40, sent: 5, rampLimit: 5, done: false, paused: false });
    const first = await sent();
    // 4 of 5 outcomes known is under the 90% a step waits for: no widening yet.
    await deliverAll(first.slice(0, 4));
    await pass();
    expect(await progress(batchId)).toMatchObject({ sent: 5, rampLimit: 5 });
    await deliverAll(first.slice(4));
    await pass();
    expect(await progress(batchId)).toMatchObject({ sent: 10, rampLimit: 10, delivered: 5 });
    const [widened] = await s.deps.stores.audit.list({ type: 'invitations.ramp_widened', limit: 5 });
    expect(widened.detail).toMatchObject({ batchId, from: 5, to: 10, bounceRate: 0 });

    // The second step: 5 new people, 3 of them bounce. 3 of 10 outcomes is 30%: the ramp pauses the campaign, even
    // though the automatic pause wants 1000 outcomes before it judges.
    const second = (await sent()).filter((r) => !first.some((f) => f.userId === r.userId));
    expect(second).toHaveLength(5);
    await deliverAll(second.slice(0, 2));
    for (const r of second.slice(2)) await post(bounce(r.messageId!, r.email));
    expect(await progress(batchId)).toMatchObject({ paused: false, bounced: 3 });
    await pass();
    const paused = await progress(batchId);
    expect(paused).toMatchObject({ sent: 10, paused: true, rampLimit: 10, delivered: 7, bounced: 3, suppressed: 0 });
    expect(paused.pauseReason).toMatch(/^ramp held at 10 of 40: bounce rate 30\.00% reached the 5\.00% limit over 10 outcomes/);
    const [audit] = await s.deps.stores.audit.list({ type: 'invitations.batch_paused', limit: 5 });
    expect(audit.detail).toMatchObject({ batchId, rampLimit: 10, bounced: 3 });
    await pass();
    expect(await progress(batchId)).toMatchObject({ sent: 10 });

    // An admin resumes: the rates count afresh, the ramp goes on (10 → 20 → 40) as each step's outcomes come.
    expect((await s.admin(`/v1/admin/invitations/${batchId}/resume`, { method: 'POST' })).status).toBe(200);
    await pass();
    expect(await progress(batchId)).toMatchObject({ sent: 20, rampLimit: 20, paused: false });
    await deliverAll((await sent()).filter((r) => ![...first, ...second].some((f) => f.userId === r.userId)));
    const done = await drainInvitationBatch(s.deps, batchId, { sender });
    expect(done).toMatchObject({ queued: 40, sent: 40, done: true, rampLimit: null });
    const all = await recipients(batchId);
    expect(new Set(all.map((r) => r.messageId)).size).toBe(40);
    const mailed = (await ses.emails()).flatMap((m) => m.destination.to);
    expect(mailed).toHaveLength(40);
    expect(new Set(mailed).size).toBe(40);
    expect((await s.deps.stores.audit.list({ type: 'invitations.ramp_widened', limit: 10 })).map((a) => [a.detail?.from, a.detail?.to]))
      .toEqual(expect.arrayContaining([[5, 10], [10, 20], [20, 40]]));
  });

  it('refuses a ramp with bad numbers, naming the field, and a ramp without SES events', async () => {
    const bad = await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true, ramp: { firstCohort: 0 } } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/^ramp\.firstCohort/);
    const growth = await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true, ramp: { firstCohort: 10, growth: 1 } } });
    expect((await growth.json()).message).toMatch(/^ramp\.growth/);

    const quiet = await startTestServer({});
    try {
      const { key } = await createAdminKey(quiet.deps, 't');
      const res = await fetch(`${quiet.url}/v1/admin/invitations`, {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ freshlyMigrated: true, ramp: { firstCohort: 10 } }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(/^ramp: needs SES events/);
    } finally {
      await quiet.close();
    }
  });
});
