// The outbox drain: refusals worth retrying come back with backoff, unknown outcomes are never resent, dead mail retires its link.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from '../../src/core/ports/mailer.ts';
import { MailerError } from '../../src/core/ports/mailer.ts';
import { requestEmailSignIn } from '../../src/core/sign-in/request-email-sign-in.ts';
import { verifyEmailCode } from '../../src/core/sign-in/verify-email-code.ts';
import { mailBackoffMs, MAX_MAIL_ATTEMPTS, processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { codeOf } from '../helpers/email-flow.ts';

/** A mailer that answers from a script, then succeeds; it records every call. */
function scriptedMailer() {
  const script: (MailerError | Error)[] = [];
  const calls: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      calls.push(message);
      const next = script.shift();
      if (next) throw next;
      return { messageId: `m-${calls.length}` };
    },
  };
  return { mailer, script, calls };
}

const clock = testClock();
const scripted = scriptedMailer();
let t: TestApp;
const outboxRows = async () => (await t.db.query.outbox.findMany()).filter((r) => r.kind === 'sign-in');

beforeAll(async () => {
  t = await makeTestApp({}, { clock, mailer: scripted.mailer });
});

describe('processPendingMail', () => {
  it('retries throttling with growing backoff, then sends a code that works', async () => {
    const user = await seedUser(t.deps);
    scripted.calls.length = 0;
    scripted.script.push(new MailerError('TooManyRequestsException', 'refused', true), new MailerError('TooManyRequestsException', 'refused', true));
    await requestEmailSignIn(t.deps, { email: user.email!, clientId: 'account', ip: '1.2.3.4' });
    expect(await processPendingMail(t.deps)).toMatchObject({ retried: 1, sent: 0 });
    expect(await processPendingMail(t.deps)).toMatchObject({ retried: 0, sent: 0 }); // not due yet
    clock.advance(1000);
    expect(await processPendingMail(t.deps)).toMatchObject({ retried: 1 });
    clock.advance(2000);
    expect(await processPendingMail(t.deps)).toMatchObject({ sent: 1 });
    expect(scripted.calls).toHaveLength(3);
    const codes = scripted.calls.map((m) => codeOf(m.text));
    // Each try minted a fresh link and code; the refused ones were retired.
    expect(new Set(codes).size).toBe(3);
    await expect(verifyEmailCode(t.deps, { email: user.email!, code: codes[0]!, clientId: 'account', ip: 'x' })).rejects.toMatchObject({ code: 'invalid_code' });
    const ok = await verifyEmailCode(t.deps, { email: user.email!, code: codes[2]!, clientId: 'account', ip: 'x' });
    expect(ok.amr).toEqual(['otp']);
  });

  it('never resends a mail whose outcome is unknown', async () => {
    const user = await seedUser(t.deps);
    scripted.calls.length = 0;
    scripted.script.push(new MailerError('no answer from SES: socket hang up', 'unknown', false));
    await requestEmailSignIn(t.deps, { email: user.email!, clientId: 'account', ip: '1.2.3.4' });
    expect(await processPendingMail(t.deps)).toMatchObject({ unknown: 1 });
    // Its code may have reached the person: it still works.
    const code = codeOf(scripted.calls[0].text)!;
    expect((await verifyEmailCode(t.deps, { email: user.email!, code, clientId: 'account', ip: 'x' })).user.id).toBe(user.id);
    clock.advance(3_600_000);
    expect(await processPendingMail(t.deps)).toMatchObject({ sent: 0, unknown: 0, retried: 0 });
    expect(scripted.calls).toHaveLength(1);
  });

  it('gives up on a refusal that is not worth retrying, and after MAX_MAIL_ATTEMPTS throttles', async () => {
    const a = await seedUser(t.deps);
    scripted.script.push(new MailerError('MessageRejected: Email address is not verified', 'refused', false));
    await requestEmailSignIn(t.deps, { email: a.email!, clientId: 'account', ip: '1.2.3.4' });
    expect(await processPendingMail(t.deps)).toMatchObject({ failed: 1 });
    const b = await seedUser(t.deps);
    for (let i = 0; i < MAX_MAIL_ATTEMPTS; i++) scripted.script.push(new MailerError('Throttling', 'refused', true));
    await requestEmailSignIn(t.deps, { email: b.email!, clientId: 'account', ip: '1.2.3.4' });
    for (let i = 0; i < MAX_MAIL_ATTEMPTS; i++) {
      await processPendingMail(t.deps);
      clock.advance(60_000);
    }
    const rows = await outboxRows();
    expect(rows.find((r) => r.to === b.email)).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS, error: 'Throttling' });
    expect(rows.find((r) => r.to === a.email)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('backs off exponentially with jitter, capped at a minute', () => {
    for (let i = 0; i < 50; i++) {
      expect(mailBackoffMs(1)).toBeGreaterThanOrEqual(500);
      expect(mailBackoffMs(1)).toBeLessThanOrEqual(1000);
      expect(mailBackoffMs(3)).toBeGreaterThanOrEqual(2000);
      expect(mailBackoffMs(3)).toBeLessThanOrEqual(4000);
      expect(mailBackoffMs(20)).toBeLessThanOrEqual(60_000);
    }
  });
});
