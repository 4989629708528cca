// Invitation campaigns end to end: the admin API, the real SES v2 mailer, aws-ses-v2-local, and a stand-in for SES errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSesLocal, type SesLocal } from '../helpers/ses-local.ts';
import { startSesStandIn } from '../helpers/ses-stand-in.ts';
import { startSesServer, useDummyAwsCredentials, type InviteServer } from '../helpers/invitations.ts';
import { seedUser } from '../helpers/users.ts';
import { eq } from 'drizzle-orm';
import { emailChallenges } from '../../db/sqlite/schema.ts';
import { createInvitationSender } from '../../src/core/invitations/invitation-sender.ts';
import { drainInvitationBatch } from '../../src/core/invitations/drain-invitation-batch.ts';

// The production path: links come from createSignInLink (issue 3); only the backoff is shortened for tests.
const sender = (over: Parameters<typeof createInvitationSender>[0] = {}) => createInvitationSender({ backoffBaseMs: 20, backoffMaxMs: 200, ...over });
const tokenIn = (text: string | undefined) => decodeURIComponent(/\/auth\/magic-link\?token=([^\s"&]+)/.exec(text ?? '')![1]);

let ses: SesLocal;
beforeAll(async () => {
  useDummyAwsCredentials();
  ses = await startSesLocal();
});
afterAll(() => ses.stop());
beforeEach(() => ses.clear());

async function seedTenant(s: InviteServer, eligible: number) {
  const invited = [];
  for (let i = 0; i < eligible; i++) invited.push(await seedUser(s.deps, { freshlyMigrated: true, profile: i === 0 ? { locale: 'fr-FR', given_name: 'Zoé' } : {} }));
  const others = [
    await seedUser(s.deps, { freshlyMigrated: true, enabled: false }),
    await seedUser(s.deps, { freshlyMigrated: true, email: null }),
    await seedUser(s.deps, { freshlyMigrated: false }),
    await seedUser(s.deps, { freshlyMigrated: true, tenant: 'acme' }),
  ];
  return { invited, others };
}

const countBy = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());

describe('POST /v1/admin/invitations', () => {
  let s: InviteServer;
  beforeAll(async () => (s = await startSesServer(ses.endpoint)));
  afterAll(() => s.close());

  it('mails every eligible person exactly once and nobody else', async () => {
    const { invited } = await seedTenant(s, 12);
    const created = await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true } });
    expect(created.status).toBe(202);
    const { batchId, queued } = await created.json();
    expect(queued).toBe(12);
    expect(await (await s.admin(`/v1/admin/invitations/${batchId}`)).json()).toEqual({ queued: 12, sent: 0, failed: 0, unknown: 0, done: false, delivered: 0, bounced: 0, complained: 0, suppressed: 0, paused: false, pauseReason: null, rampLimit: null });

    await drainInvitationBatch(s.deps, batchId, { sender: sender() });
    expect(await (await s.admin(`/v1/admin/invitations/${batchId}`)).json()).toEqual({ queued: 12, sent: 12, failed: 0, unknown: 0, done: true, delivered: 0, bounced: 0, complained: 0, suppressed: 0, paused: false, pauseReason: null, rampLimit: null });

    const mails = await ses.emails();
    expect(mails).toHaveLength(12);
    expect([...countBy(mails.flatMap((m) => m.destination.to)).entries()].sort()).toEqual(invited.map((u) => [u.email, 1]).sort());
    // The MessageId SES returned is what the outbox row keeps.
    const { invitations } = await (await s.admin(`/v1/admin/invitations/${batchId}/recipients?status=sent&limit=100`)).json();
    expect(new Set(invitations.map((i: { messageId: string }) => i.messageId))).toEqual(new Set(mails.map((m) => m.messageId)));
    // Each link is a 7-day, link-only invitation for the `account` client, landing on /account; only its hash is stored.
    const challenges = await s.db.select().from(emailChallenges);
    expect(challenges).toHaveLength(12);
    for (const c of challenges) {
      expect(c).toMatchObject({ purpose: 'invite', clientId: 'account', redirectUri: `${s.url}/account`, codeHash: null });
      expect(c.linkExpiresAt - c.createdAt).toBe(7 * 86_400_000);
    }
    const token = tokenIn(mails[1].body.text);
    expect(JSON.stringify(challenges)).not.toContain(token);
    const fr = mails.find((m) => m.destination.to[0] === invited[0].email)!;
    expect(fr.subject).toMatch(/^Votre compte cutover est prêt/);
    expect(fr.body.text).toContain('Bonjour Zoé,');
    expect(fr.body.text).toContain(`${s.url}/auth/magic-link?token=`);
    expect(fr.body.html).toContain(`href="${s.url}/auth/magic-link?token=`);
    const en = mails.find((m) => m.destination.to[0] === invited[1].email)!;
    expect(en.subject).toBe('Your cutover account is ready: sign in without a password');
    expect(en.from).toBe('team@example.com');
    // Running the sender again sends nothing more.
    await sender().run(s.deps);
    expect(await ses.emails()).toHaveLength(12);

    // The link proves the email like any link: it signs in and the person is no longer freshly migrated.
    const redeemed = await fetch(`${s.url}/v1/auth/magic-link/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokenIn(fr.body.text) }) });
    expect(redeemed.status).toBe(200);
    expect(await redeemed.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    expect(await s.deps.stores.users.findById(invited[0].id)).toMatchObject({ freshlyMigrated: false, emailVerified: true });
  });

  it('invites explicit user ids with another client of the tenant', async () => {
    const client = await s.admin('/v1/admin/clients', { method: 'POST', json: { name: 'Shop', redirectUris: ['https://shop.example.com/cb'] } });
    const { clientId } = await client.json();
    const a = await seedUser(s.deps);
    const b = await seedUser(s.deps, { enabled: false });
    const res = await s.admin('/v1/admin/invitations', { method: 'POST', json: { userIds: [a.id, b.id, 'usr_nobody'], clientId } });
    expect(res.status).toBe(202);
    const { batchId, queued } = await res.json();
    expect(queued).toBe(1);
    await drainInvitationBatch(s.deps, batchId, { sender: sender() });
    expect((await ses.emails()).map((m) => m.destination.to[0])).toEqual([a.email]);
    const [challenge] = await s.db.select().from(emailChallenges).where(eq(emailChallenges.userId, a.id));
    expect(challenge).toMatchObject({ clientId, redirectUri: 'https://shop.example.com/cb', purpose: 'invite' });
  });

  it('answers bad input with a 4xx naming the field, never a 5xx', async () => {
    const post = (json: unknown) => s.admin('/v1/admin/invitations', { method: 'POST', json });
    const cases: [unknown, number, RegExp][] = [
      [{}, 400, /freshlyMigrated/],
      [{ freshlyMigrated: false }, 400, /freshlyMigrated/],
      [{ freshlyMigrated: 'yes' }, 400, /freshlyMigrated/],
      [{ userIds: [] }, 400, /userIds/],
      [{ userIds: 'usr_1' }, 400, /userIds/],
      [{ userIds: [42] }, 400, /userIds\.0/],
      [{ freshlyMigrated: true, tenant: 'no spaces' }, 400, /tenant/],
      [{ freshlyMigrated: true, clientId: 'nope' }, 400, /clientId: unknown client/],
      [{ freshlyMigrated: true, tenant: 'acme' }, 400, /clientId: client "account" belongs to tenant "default"/],
      [{ freshlyMigrated: true, extra: 1 }, 400, /extra|Unrecognized/i],
      [[1, 2], 400, /./],
    ];
    for (const [json, status, message] of cases) {
      const res = await post(json);
      const body = await res.json();
      expect({ json, status: res.status }).toEqual({ json, status });
      expect(body.error).toBe('invalid_request');
      expect(body.message).toMatch(message);
    }
    const notJson = await s.admin('/v1/admin/invitations', { method: 'POST', body: 'freshlyMigrated=true', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    // issue 18 #15: a body that is not application/json is 415, with a JSON error like every other refusal
    expect(notJson.status).toBe(415);
    expect((await notJson.json()).error).toBe('unsupported_media_type');
    expect((await fetch(`${s.url}/v1/admin/invitations`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${s.url}/v1/admin/invitations/inv_x`)).status).toBe(401);
    const missing = await s.admin('/v1/admin/invitations/inv_nope');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe('not_found');
    expect((await s.admin('/v1/admin/invitations/inv_nope/resend-unknown', { method: 'POST' })).status).toBe(404);
    expect((await s.admin('/v1/admin/invitations/inv_nope/recipients?status=lost')).status).toBe(400);
  });
});

describe('sending through SES errors', () => {
  it('retries throttling and 5xx through the real SDK, and records permanent refusals with their reason', async () => {
    let throttled = 0;
    const standIn = await startSesStandIn(ses.endpoint, ({ to }) => {
      if (to[0]?.startsWith('bounce')) return 'reject';
      if (throttled < 4) return (throttled += 1) === 3 ? 'server-error' : 'throttle';
      return 'forward';
    });
    const s = await startSesServer(standIn.endpoint);
    try {
      const people = [];
      for (let i = 0; i < 6; i++) people.push(await seedUser(s.deps, { freshlyMigrated: true }));
      const bounce = await seedUser(s.deps, { freshlyMigrated: true, email: 'bounce@example.com' });
      const { batchId } = await (await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true } })).json();
      const progress = await drainInvitationBatch(s.deps, batchId, { sender: sender({ concurrency: 2 }) });
      expect(progress).toEqual({ queued: 7, sent: 6, failed: 1, unknown: 0, done: true, delivered: 0, bounced: 0, complained: 0, suppressed: 0, paused: false, pauseReason: null, rampLimit: null });
      expect(standIn.calls.filter((c) => c.action === 'throttle')).toHaveLength(3);
      expect(standIn.calls.filter((c) => c.action === 'server-error')).toHaveLength(1);
      const mails = await ses.emails();
      expect([...countBy(mails.map((m) => m.destination.to[0])).values()]).toEqual([1, 1, 1, 1, 1, 1]);
      expect(new Set(mails.map((m) => m.destination.to[0]))).toEqual(new Set(people.map((p) => p.email)));
      const { invitations } = await (await s.admin(`/v1/admin/invitations/${batchId}/recipients?limit=100`)).json();
      const retried = invitations.filter((i: { attempts: number }) => i.attempts > 1);
      expect(retried.length).toBeGreaterThan(0);
      const failed = invitations.find((i: { userId: string }) => i.userId === bounce.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, messageId: null });
      expect(failed.error).toMatch(/^MessageRejected/);
    } finally {
      await s.close();
      await standIn.close();
    }
  });

  it('marks a send whose answer was lost as unknown, never resends it by itself, and resends it when an admin asks', async () => {
    let dropped = false;
    const standIn = await startSesStandIn(ses.endpoint, ({ to }) => (to[0]?.startsWith('lost') && !dropped ? ((dropped = true), 'forward-then-drop') : 'forward'));
    const s = await startSesServer(standIn.endpoint);
    try {
      const lost = await seedUser(s.deps, { freshlyMigrated: true, email: 'lost@example.com' });
      await seedUser(s.deps, { freshlyMigrated: true });
      const { batchId } = await (await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true } })).json();
      const send = sender();
      expect(await drainInvitationBatch(s.deps, batchId, { sender: send })).toEqual({ queued: 2, sent: 1, failed: 0, unknown: 1, done: true, delivered: 0, bounced: 0, complained: 0, suppressed: 0, paused: false, pauseReason: null, rampLimit: null });
      for (let i = 0; i < 3; i++) await send.run(s.deps);
      await createInvitationSender().run(s.deps); // a restarted sender neither
      // SES did take it: one mail, and nothing more however often the sender runs.
      expect((await ses.emails()).filter((m) => m.destination.to[0] === lost.email)).toHaveLength(1);
      const listed = await (await s.admin(`/v1/admin/invitations/${batchId}/recipients?status=unknown`)).json();
      expect(listed.invitations).toEqual([expect.objectContaining({ userId: lost.id, email: lost.email, status: 'unknown', messageId: null })]);
      expect(listed.invitations[0].error).toMatch(/no answer from SES/);

      const resend = await s.admin(`/v1/admin/invitations/${batchId}/resend-unknown`, { method: 'POST' });
      expect(resend.status).toBe(202);
      expect(await resend.json()).toEqual({ batchId, requeued: 1, settling: 0 });
      expect(await drainInvitationBatch(s.deps, batchId, { sender: send })).toEqual({ queued: 2, sent: 2, failed: 0, unknown: 0, done: true, delivered: 0, bounced: 0, complained: 0, suppressed: 0, paused: false, pauseReason: null, rampLimit: null });
      // The admin chose to resend: the person now has two mails (SES v2 cannot tell us the first arrived).
      expect((await ses.emails()).filter((m) => m.destination.to[0] === lost.email)).toHaveLength(2);
    } finally {
      await s.close();
      await standIn.close();
    }
  });
});

describe('send rate', () => {
  it('reads MaxSendRate from GetAccount and stays under it, or under CUTOVER_SES_MAX_SEND_RATE when lower', async () => {
    const account = {
      DedicatedIpAutoWarmupEnabled: false, EnforcementStatus: 'HEALTHY', ProductionAccessEnabled: true, SendingEnabled: true,
      Details: { AdditionalContactEmailAddresses: [], ContactLanguage: 'EN', MailType: 'TRANSACTIONAL', ReviewDetails: { CaseId: 'x', Status: 'GRANTED' }, UseCaseDescription: 'x', WebsiteURL: 'https://example.com' },
      SendQuota: { Max24HourSend: 50000, MaxSendRate: 20, SentLast24Hours: 0 }, SuppressionAttributes: { SuppressedReasons: [] },
    };
    const limited = await startSesLocal({ env: { AWS_SES_ACCOUNT: JSON.stringify(account) } });
    const s = await startSesServer(limited.endpoint, { CUTOVER_SES_MAX_SEND_RATE: '' });
    try {
      expect(await s.deps.mailer.maxSendRate?.()).toBe(20);
      for (let i = 0; i < 30; i++) await seedUser(s.deps, { freshlyMigrated: true });
      const { batchId } = await (await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true } })).json();
      const start = performance.now();
      await drainInvitationBatch(s.deps, batchId, { sender: createInvitationSender() });
      const seconds = (performance.now() - start) / 1000;
      // 30 mails at 20/s with a 1-mail burst: at least 1.45 s.
      expect(seconds).toBeGreaterThanOrEqual(1.4);
      expect(await limited.emails()).toHaveLength(30);
    } finally {
      await s.close();
    }
    const lower = await startSesServer(limited.endpoint, { CUTOVER_SES_MAX_SEND_RATE: '5' });
    try {
      // Less the share sign-in mail keeps (SPEC §13, CUTOVER_SIGN_IN_MAIL_SHARE, default 0.2).
      expect(await createInvitationSender().rate(lower.deps)).toBe(4);
    } finally {
      await lower.close();
      await limited.stop();
    }
  });

  it('keeps one rate when two instances drain the same batch, and still mails each person once', async () => {
    const ses = await startSesLocal();
    const s = await startSesServer(ses.endpoint, { CUTOVER_SES_MAX_SEND_RATE: '20' });
    try {
      const people = [];
      for (let i = 0; i < 30; i++) people.push(await seedUser(s.deps, { freshlyMigrated: true }));
      const { batchId } = await (await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true } })).json();
      // Two senders, as two server processes on one database would run them.
      const start = performance.now();
      await Promise.all([createInvitationSender(), createInvitationSender()].map((sender) => drainInvitationBatch(s.deps, batchId, { sender })));
      const seconds = (performance.now() - start) / 1000;
      // 30 mails at 20/s between them, after a 1-mail burst: at least 1.45 s (each alone at 20/s would take 0.7 s).
      expect(seconds).toBeGreaterThanOrEqual(1.4);
      const mails = await ses.emails();
      expect(mails).toHaveLength(30);
      expect(new Set(mails.map((m) => m.destination.to[0]))).toEqual(new Set(people.map((p) => p.email)));
    } finally {
      await s.close();
      await ses.stop();
    }
  });
});
