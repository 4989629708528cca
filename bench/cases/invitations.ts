// Issue 6 benchmarks: 10,000 invitations through the real sender, SES v2 SDK and aws-ses-v2-local, capped at 200/s and uncapped.
import { users } from '../../db/sqlite/schema.ts';
import { createInvitationBatch } from '../../src/core/invitations/create-invitation-batch.ts';
import { createInvitationSender } from '../../src/core/invitations/invitation-sender.ts';
import { drainInvitationBatch } from '../../src/core/invitations/drain-invitation-batch.ts';
import { newUserId } from '../../src/core/shared/crypto.ts';
import { toUserRow } from '../../src/storage/users.ts';
import { makeTestApp } from '../../test/helpers/app.ts';
import { startSesLocal, type SesLocal } from '../../test/helpers/ses-local.ts';
import { opsPerSecond, result, type BenchCase, type BenchResult } from '../harness.ts';
import { parseEnv } from '../../src/core/shared/config.ts';
import { createSesMailer } from '../../src/email/ses-mailer.ts';

const INVITATIONS = 10_000;
const CAP = 200;
const UNCAPPED_TARGET = 1000;

/** GetAccount's answer: a quota far above what is measured, so only our cap (or none) limits the pace. */
const ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false, EnforcementStatus: 'HEALTHY', ProductionAccessEnabled: true, SendingEnabled: true,
  Details: { AdditionalContactEmailAddresses: [], ContactLanguage: 'EN', MailType: 'TRANSACTIONAL', ReviewDetails: { CaseId: 'bench', Status: 'GRANTED' }, UseCaseDescription: 'bench', WebsiteURL: 'https://example.com' },
  SendQuota: { Max24HourSend: 10_000_000, MaxSendRate: 1_000_000, SentLast24Hours: 0 }, SuppressionAttributes: { SuppressedReasons: [] },
};

async function run(ses: SesLocal, maxSendRate: string | undefined) {
  await ses.clear();
  const t = await makeTestApp({ CUTOVER_MAILER: 'ses', AWS_ENDPOINT_URL_SESV2: ses.endpoint, AWS_REGION: 'us-east-1', CUTOVER_SES_MAX_SEND_RATE: maxSendRate });
  const now = t.deps.clock.now();
  for (let i = 0; i < INVITATIONS; i += 500) {
    const rows = Array.from({ length: Math.min(500, INVITATIONS - i) }, (_, j) =>
      toUserRow({ id: newUserId(), tenant: 'default', email: `bench${i + j}@example.com`, emailVerified: true, freshlyMigrated: true }, now));
    await t.db.insert(users).values(rows);
  }
  const { batchId, queued } = await createInvitationBatch(t.deps, { freshlyMigrated: true });
  if (queued !== INVITATIONS) throw new Error(`expected ${INVITATIONS} queued, got ${queued}`);
  const sender = createInvitationSender();
  // GetAccount once, outside the timed part. The pace invitations may keep: the cap less the share sign-in mail keeps
  // (CUTOVER_SIGN_IN_MAIL_SHARE, SPEC §13), so people can still sign in during a campaign.
  const pace = await sender.rate(t.deps);
  const start = performance.now();
  const progress = await drainInvitationBatch(t.deps, batchId, { sender, passMs: 1000 });
  const seconds = (performance.now() - start) / 1000;
  const mails = await ses.emails();
  const perRecipient = new Map<string, number>();
  for (const m of mails) for (const to of m.destination.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  return {
    pace,
    rate: progress.sent / seconds,
    progress,
    mails: mails.length,
    distinctMessageIds: new Set(mails.map((m) => m.messageId)).size,
    exactlyOnce: [...perRecipient.values()].filter((n) => n === 1).length,
  };
}

export const invitations: BenchCase = {
  name: 'invitations',
  async run() {
    process.env.AWS_ACCESS_KEY_ID ??= 'AKIDBENCHBENCH';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';
    const ses = await startSesLocal({ env: { AWS_SES_ACCOUNT: JSON.stringify(ACCOUNT) } });
    const out: BenchResult[] = [];
    try {
      const capped = await run(ses, String(CAP));
      process.stderr.write(`  capped: ${JSON.stringify({ ...capped.progress, rate: Math.round(capped.rate), mails: capped.mails, distinctMessageIds: capped.distinctMessageIds })}\n`);
      out.push(result(`invitations/s capped at ${CAP}/s vs the invitations' pace (the cap less sign-in mail's share)`, capped.rate, 'mails/s', capped.pace, '>= 0.9'));
      out.push(result('recipients mailed exactly once vs invitations (capped)', capped.exactlyOnce, 'people', INVITATIONS, '>= 1'));
      out.push(result('mails in /store vs invitations (capped; > 1 = duplicates)', capped.mails, 'mails', INVITATIONS, '<= 1'));
      // The ceiling on this machine: a bare SDK SendEmail loop to the same emulator (same client settings, 64 in flight like
      // the sender, no database), measured just before and just after the uncapped run so machine noise hits both alike.
      const mailer = createSesMailer(parseEnv({ CUTOVER_MAILER: 'ses', AWS_ENDPOINT_URL_SESV2: ses.endpoint, AWS_REGION: 'us-east-1' }));
      const html = 'x'.repeat(2500);
      let n = 0;
      let dropped = 0;
      // The emulator now and then drops a connection under 64 in flight: such a send is tried again, not counted twice.
      const sendOne = async () => {
        for (;;) {
          try {
            return await mailer.send({ to: `raw${n++}@example.com`, subject: 'raw', text: html, html });
          } catch (e) {
            if (++dropped > 1000) throw e;
          }
        }
      };
      const bare = () => opsPerSecond(sendOne, 3000, 64);
      const bareBefore = await bare();
      const uncapped = await run(ses, undefined);
      const bareAfter = await bare();
      process.stderr.write(`  uncapped: ${JSON.stringify({ ...uncapped.progress, rate: Math.round(uncapped.rate), mails: uncapped.mails, distinctMessageIds: uncapped.distinctMessageIds })}\n`);
      out.push(result('invitations/s uncapped vs 1,000/s', uncapped.rate, 'mails/s', UNCAPPED_TARGET, '>= 1'));
      out.push(result('mails in /store vs invitations (uncapped; > 1 = duplicates)', uncapped.mails, 'mails', INVITATIONS, '<= 1'));
      process.stderr.write(`  bare SDK SendEmail/s to the same emulator: before ${Math.round(bareBefore)}, after ${Math.round(bareAfter)} (${dropped} dropped connections tried again)\n`);
      out.push(result('sender vs bare SDK to the same emulator (invitations/s vs SendEmail/s)', uncapped.rate, 'mails/s', (bareBefore + bareAfter) / 2, 'info'));
    } finally {
      await ses.stop();
    }
    return out;
  },
};
