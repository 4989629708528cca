// Sign-in mail keeps its share of the SES rate while a campaign runs (SPEC §13): measured at a stand-in in front of
// aws-ses-v2-local, which notes when each SendEmail arrives and for whom.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSesLocal, type SesLocal } from '../helpers/ses-local.ts';
import { startSesStandIn, type SesStandIn } from '../helpers/ses-stand-in.ts';
import { startSesServer, useDummyAwsCredentials, type InviteServer } from '../helpers/invitations.ts';
import { seedUser } from '../helpers/users.ts';
import { postJson } from '../helpers/email-flow.ts';
import { createInvitationSender } from '../../src/core/invitations/invitation-sender.ts';
import { drainInvitationBatch } from '../../src/core/invitations/drain-invitation-batch.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';

const RATE = 20;
const SHARE = 0.25;
let ses: SesLocal;
let standIn: SesStandIn;
let s: InviteServer;
const arrivals: { at: number; to: string }[] = [];

beforeAll(async () => {
  useDummyAwsCredentials();
  ses = await startSesLocal();
  standIn = await startSesStandIn(ses.endpoint, ({ to }) => {
    arrivals.push({ at: performance.now(), to: to[0] });
    return 'forward';
  });
  s = await startSesServer(standIn.endpoint, { CUTOVER_SES_MAX_SEND_RATE: String(RATE), CUTOVER_SIGN_IN_MAIL_SHARE: String(SHARE) });
});
afterAll(async () => {
  await s.close();
  await standIn.close();
  await ses.stop();
});

/** The most sends of `who` that arrived within any `ms` window. */
function busiestWindow(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

it('paces a campaign at the rate less the sign-in share; sign-in mail measured at least at its share meanwhile', async () => {
  const campaign = [];
  for (let i = 0; i < 75; i++) campaign.push(await seedUser(s.deps, { freshlyMigrated: true, tenant: 'share' }));
  const signIn = [];
  for (let i = 0; i < 10; i++) signIn.push(await seedUser(s.deps));
  const client = await (await s.admin('/v1/admin/clients', { method: 'POST', json: { name: 'S', redirectUris: ['https://s.example.com/cb'], tenant: 'share' } })).json();
  const { batchId } = await (await s.admin('/v1/admin/invitations', { method: 'POST', json: { freshlyMigrated: true, tenant: 'share', clientId: client.clientId } })).json();
  const sender = createInvitationSender();
  expect(await sender.rate(s.deps)).toBe(RATE * (1 - SHARE));

  const draining = drainInvitationBatch(s.deps, batchId, { sender });
  // Sign-in requests at twice the share's rate (10/s) for a second, while the campaign sends: more than the share
  // is asked, so what goes out measures what sign-in mail got.
  // Requests leave on schedule whatever the sends take; the outbox drains beside them, as the server's loop would.
  const asked = signIn.map((person, i) => new Promise<void>((resolve, reject) => setTimeout(() => {
    postJson(s.url, '/v1/auth/otp', { email: person.email, clientId: 'account' })
      .then((res) => (res.status === 202 ? resolve() : reject(new Error(`otp answered ${res.status}`))), reject);
  }, (i * 1000) / (2 * RATE * SHARE))));
  let mailed = 0;
  let allAsked = false;
  const askedAll = Promise.all(asked).then(() => { allAsked = true; });
  while (mailed < signIn.length) {
    const drained = await processPendingMail(s.deps);
    expect(drained).toMatchObject({ retried: 0, failed: 0 });
    mailed += drained.sent;
    if (drained.sent === 0) await new Promise((r) => setTimeout(r, allAsked ? 5 : 10));
  }
  await askedAll;
  expect(await draining).toMatchObject({ queued: 75, sent: 75, done: true });

  const campaignTo = new Set(campaign.map((p) => p.email));
  const invitations = arrivals.filter((a) => campaignTo.has(a.to)).map((a) => a.at);
  const signIns = arrivals.filter((a) => !campaignTo.has(a.to)).map((a) => a.at);
  expect(invitations).toHaveLength(75);
  expect(signIns).toHaveLength(10);
  // Every sign-in mail reached SES while the campaign was still sending.
  expect(Math.max(...signIns)).toBeLessThan(Math.max(...invitations));
  // Measured: the campaign kept to its 15/s on average (and within a few slots of scheduling slack over any two
  // seconds), leaving the account's other 5/s, the configured share, to sign-in mail. Unshared, it would send 20/s.
  const average = ((invitations.length - 1) * 1000) / (Math.max(...invitations) - Math.min(...invitations));
  const perTwoSeconds = busiestWindow(invitations, 2000);
  // Measured: sign-in mail reached SES at least at its configured share of the rate while the campaign ran.
  const signInRate = ((signIns.length - 1) * 1000) / (Math.max(...signIns) - Math.min(...signIns));
  const campaignWhileSigningIn = invitations.filter((t) => t >= Math.min(...signIns) && t <= Math.max(...signIns)).length;
  console.log(`invitations: ${average.toFixed(1)}/s on average, busiest 2 s held ${perTwoSeconds}; sign-in mail ${signInRate.toFixed(1)}/s (share ${RATE * SHARE}/s of ${RATE}/s), ${campaignWhileSigningIn} invitations meanwhile`);
  expect(signInRate).toBeGreaterThanOrEqual(RATE * SHARE);
  expect(campaignWhileSigningIn).toBeGreaterThan(0);
  expect(average).toBeLessThanOrEqual(RATE * (1 - SHARE) * 1.05);
  expect(perTwoSeconds).toBeLessThanOrEqual(2 * RATE * (1 - SHARE) + 4);
}, 60_000);
