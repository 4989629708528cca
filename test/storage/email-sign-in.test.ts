// Storage conformance: email challenges, rate-limit counters and the outbox behave the same on every driver.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports/index.ts';
import type { NewEmailChallenge } from '../../src/core/ports/email-challenges.ts';
import type { SignInRequest } from '../../src/core/ports/outbox.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

const challenge = (id: string, over: Partial<NewEmailChallenge> = {}): NewEmailChallenge => ({
  id, tenant: 'default', clientId: 'account', emailNormalized: 'a@example.com', userId: null, purpose: 'sign-in',
  redirectUri: null, state: null, codeChallenge: null, createdAt: 100, linkExpiresAt: 1000, codeExpiresAt: 600,
  linkHash: `link-${id}`, codeHash: `code-${id}`, ...over,
});
const request = (email: string): SignInRequest => ({
  emailNormalized: email, clientId: 'account', redirectUri: null, state: 'st', codeChallenge: null, locale: 'fr', ip: '203.0.113.7',
});

describe.each(drivers)('email sign-in storage on $name', (driver) => {
  let stores: Stores;
  useStores(driver, async (opened) => {
    stores = opened.stores;
  });

  describe('email challenges', () => {
    it('consumes a link once, even when asked 20 times at once, and only while live', async () => {
      await stores.emailChallenges.insert(challenge('c1'));
      expect(await stores.emailChallenges.findLiveLink('link-c1', 200)).toMatchObject({ id: 'c1', consumedAt: null });
      const results = await Promise.all(Array.from({ length: 20 }, () => stores.emailChallenges.consumeLink('link-c1', 200)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(results.find(Boolean)).toMatchObject({ id: 'c1', consumedAt: 200, linkHash: 'link-c1', purpose: 'sign-in' });
      expect(await stores.emailChallenges.findLiveLink('link-c1', 200)).toBeNull();
      await stores.emailChallenges.insert(challenge('c2'));
      expect(await stores.emailChallenges.consumeLink('link-c2', 1000)).toBeNull(); // expired at 1000
      expect(await stores.emailChallenges.consumeLink('link-nope', 200)).toBeNull();
    });

    it('inserts many challenges in one statement, each as insert would, beyond 100 values', async () => {
      // one address each, as an invitation chunk has (only the newest mail to an address opens it: issue 18 #19)
      const many = Array.from({ length: 12 }, (_, i) => challenge(`m${i}`, {
        emailNormalized: `m${i}@example.com`, purpose: 'invite', userId: `usr_${i}`, redirectUri: 'https://app.example.com/account', codeHash: null, codeExpiresAt: 0, linkExpiresAt: 9000,
      }));
      await stores.emailChallenges.insertMany(many);
      await stores.emailChallenges.insertMany([]);
      expect(await stores.emailChallenges.findLiveLink('link-m11', 200)).toEqual({
        id: 'm11', tenant: 'default', clientId: 'account', emailNormalized: 'm11@example.com', userId: 'usr_11', purpose: 'invite',
        redirectUri: 'https://app.example.com/account', state: null, codeChallenge: null, attempts: 0, createdAt: 100,
        linkExpiresAt: 9000, codeExpiresAt: 0, consumedAt: null,
      });
      expect(await stores.emailChallenges.consumeLink('link-m0', 200)).toMatchObject({ id: 'm0', consumedAt: 200 });
      expect(await stores.emailChallenges.consumeLink('link-m0', 200)).toBeNull();
    });

    it('opens only the newest mail to an address: a resend retires older links, and retireAll retires the rest', async () => {
      const to = { emailNormalized: 'resend@example.com', codeHash: null, codeExpiresAt: 0 };
      await stores.emailChallenges.insert(challenge('r1', { ...to, createdAt: 100 }));
      await stores.emailChallenges.insert(challenge('r2', { ...to, createdAt: 150 }));
      expect(await stores.emailChallenges.findLiveLink('link-r1', 200)).toBeNull();
      expect(await stores.emailChallenges.consumeLink('link-r1', 200)).toBeNull();
      expect(await stores.emailChallenges.findLiveLink('link-r2', 200)).toMatchObject({ id: 'r2' });
      await stores.emailChallenges.retireAll('default', 'resend@example.com', 210);
      expect(await stores.emailChallenges.consumeLink('link-r2', 220)).toBeNull();
    });

    it('gives at most maxAttempts code tries, even to parallel callers, and only on the newest code', async () => {
      const email = { emailNormalized: 'tries@example.com' };
      await stores.emailChallenges.insert(challenge('old', { ...email, createdAt: 100 }));
      await stores.emailChallenges.insert(challenge('new', { ...email, createdAt: 150 }));
      // An invitation (no code) sent later does not hide the code.
      await stores.emailChallenges.insert(challenge('inv', { ...email, createdAt: 160, codeHash: null, codeExpiresAt: 0, purpose: 'invite' }));
      const attempt = (hash: string) => stores.emailChallenges.attemptCode('default', 'tries@example.com', hash, 200, 5);
      const tries = await Promise.all(Array.from({ length: 20 }, () => attempt('wrong')));
      const got = tries.filter((c) => c !== null);
      expect(got).toHaveLength(5);
      expect(new Set(got.map((c) => c.id))).toEqual(new Set(['new']));
      expect(got.map((c) => c.attempts).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(got.every((c) => c.consumedAt === null && c.codeHash === 'code-new')).toBe(true);
      // Dead: not even the right code, and the older code is no fallback.
      expect(await attempt('code-new')).toBeNull();
      expect(await attempt('code-old')).toBeNull();
    });

    it('consumes on the right code in the same statement, once, and refuses expired codes and other tenants', async () => {
      await stores.emailChallenges.insert(challenge('c3', { emailNormalized: 'b@example.com' }));
      expect(await stores.emailChallenges.attemptCode('other', 'b@example.com', 'code-c3', 200, 5)).toBeNull();
      expect(await stores.emailChallenges.attemptCode('default', 'b@example.com', 'code-c3', 600, 5)).toBeNull();
      expect(await stores.emailChallenges.attemptCode('default', 'b@example.com', 'nope', 200, 5)).toMatchObject({ id: 'c3', attempts: 1, consumedAt: null });
      const right = await Promise.all(Array.from({ length: 10 }, () => stores.emailChallenges.attemptCode('default', 'b@example.com', 'code-c3', 300, 5)));
      expect(right.filter(Boolean)).toEqual([expect.objectContaining({ id: 'c3', attempts: 2, consumedAt: 300 })]);
      expect(await stores.emailChallenges.consume('c3', 400)).toBeNull(); // already used
      await stores.emailChallenges.insert(challenge('c4', { emailNormalized: 'c@example.com' }));
      const retired = await Promise.all([stores.emailChallenges.consume('c4', 300), stores.emailChallenges.consume('c4', 300)]);
      expect(retired.filter(Boolean)).toHaveLength(1);
      expect(await stores.emailChallenges.consumeLink('link-c4', 300)).toBeNull();
    });

    it('gives the budget its hit back with a try that consumed the code, once, only in the window that counted it', async () => {
      await stores.emailChallenges.insert(challenge('r5', { emailNormalized: 'refund@example.com' }));
      for (let i = 0; i < 4; i++) await stores.rateLimits.hit('budget', 1000, 100);
      const refund = { key: 'budget', windowStart: 100 };
      const attempt = (hash: string, r = refund) => stores.emailChallenges.attemptCode('default', 'refund@example.com', hash, 200, 5, { refund: r });
      expect(await attempt('wrong')).toMatchObject({ id: 'r5', consumedAt: null });
      expect(await stores.rateLimits.peek('budget', 1000, 200)).toBe(4); // a wrong try keeps its hit
      expect(await attempt('code-r5', { key: 'budget', windowStart: 50 })).toMatchObject({ consumedAt: 200 }); // another window
      expect(await stores.rateLimits.peek('budget', 1000, 200)).toBe(4);
      await stores.emailChallenges.insert(challenge('r6', { emailNormalized: 'refund@example.com', createdAt: 150 }));
      const right = await Promise.all(Array.from({ length: 6 }, () => attempt('code-r6')));
      expect(right.filter((c) => c?.consumedAt === 200)).toHaveLength(1);
      expect(await stores.rateLimits.peek('budget', 1000, 200)).toBe(3); // one hit back, not six
      await stores.emailChallenges.insert(challenge('r7', { emailNormalized: 'refund@example.com', createdAt: 160 }));
      expect(await attempt('code-r7', { key: 'nobody', windowStart: 100 })).toMatchObject({ consumedAt: 200 }); // no counter: nothing to give
      expect(await stores.rateLimits.peek('nobody', 1000, 200)).toBe(0);
    });

    it('records the proven sign-in of a right code where the statement can, for an enabled account only, else leaves it out', async () => {
      await stores.users.insert({ id: 'usr_s', tenant: 'default', email: 's@example.com', emailVerified: false, freshlyMigrated: true }, 1);
      await stores.users.insert({ id: 'usr_off', tenant: 'default', email: 'off@example.com', emailVerified: false, enabled: false }, 1);
      await stores.emailChallenges.insert(challenge('s1', { emailNormalized: 's@example.com', userId: 'usr_s' }));
      await stores.emailChallenges.insert(challenge('s2', { emailNormalized: 'off@example.com', userId: 'usr_off' }));
      await stores.emailChallenges.insert(challenge('s3', { emailNormalized: 'new@example.com' }));
      const attempt = (email: string, hash: string) => stores.emailChallenges.attemptCode('default', email, hash, 200, 5, { recordSignIn: true });
      const wrong = await attempt('s@example.com', 'wrong');
      expect(wrong).toMatchObject({ id: 's1', consumedAt: null });
      expect(wrong!.signIn).toBeUndefined();
      expect(await stores.users.findById('usr_s')).toMatchObject({ lastSignInAt: null, emailVerified: false });
      const right = await attempt('s@example.com', 'code-s1');
      expect(right).toMatchObject({ id: 's1', consumedAt: 200 });
      expect(right!.signIn !== undefined).toBe(driver.name !== 'd1'); // one statement (PostgreSQL), one transaction (better-sqlite3)
      if (right!.signIn !== undefined) {
        expect(right!.signIn).toEqual({ user: await stores.users.findById('usr_s'), hasUntrustedLinks: false, legacy: { sub: null, username: null } });
        expect(right!.signIn!.user).toMatchObject({ lastSignInAt: 200, emailVerified: true, freshlyMigrated: false, enabled: true });
      } else {
        expect(await stores.users.findById('usr_s')).toMatchObject({ lastSignInAt: null });
      }
      const off = await attempt('off@example.com', 'code-s2');
      expect(off).toMatchObject({ id: 's2', consumedAt: 200 });
      if (off!.signIn !== undefined) expect(off!.signIn).toBeNull();
      expect(await stores.users.findById('usr_off')).toMatchObject({ lastSignInAt: null, emailVerified: false });
      const newcomer = await attempt('new@example.com', 'code-s3'); // no person yet: nothing to record
      expect(newcomer).toMatchObject({ id: 's3', consumedAt: 200, userId: null });
      expect(newcomer!.signIn).toBeUndefined();
    });

    it('writes the audit event of a recorded sign-in where the statement records it, and only then', async () => {
      await stores.users.insert({ id: 'usr_a', tenant: 'default', email: 'audited@example.com', emailVerified: true }, 1);
      await stores.users.insert({ id: 'usr_aoff', tenant: 'default', email: 'aoff@example.com', emailVerified: true, enabled: false }, 1);
      await stores.emailChallenges.insert(challenge('a1', { emailNormalized: 'audited@example.com', userId: 'usr_a' }));
      await stores.emailChallenges.insert(challenge('a2', { emailNormalized: 'aoff@example.com', userId: 'usr_aoff' }));
      const auditSignIn = { type: 'email.sign_in.succeeded', clientId: 'account', ip: '203.0.113.9', detail: { method: 'otp' } };
      const attempt = (email: string, hash: string) => stores.emailChallenges.attemptCode('default', email, hash, 200, 5, { recordSignIn: true, auditSignIn });
      const events = (userId: string) => stores.audit.list({ type: 'email.sign_in.succeeded', userId, limit: 10 });
      expect((await attempt('audited@example.com', 'wrong'))!.signInAudited).toBeUndefined();
      expect(await events('usr_a')).toEqual([]);
      const right = await attempt('audited@example.com', 'code-a1');
      // PostgreSQL records the sign-in in the try's own statement (attempt-code-postgres.ts), better-sqlite3 in its
      // transaction (attempt-code-sqlite.ts); D1 leaves it to the caller.
      expect(right!.signIn !== undefined).toBe(driver.name !== 'd1');
      if (right!.signIn) {
        expect(right!.signInAudited).toBe(true);
        const [event] = await events('usr_a');
        expect(event).toMatchObject({ at: 200, tenant: 'default', userId: 'usr_a', clientId: 'account', ip: '203.0.113.9', actor: null });
        expect(event.detail).toEqual({ method: 'otp', challengeId: 'a1', purpose: 'sign-in' });
        expect(await events('usr_a')).toHaveLength(1);
      } else {
        expect(right!.signInAudited).toBeUndefined(); // not recorded here: the caller writes the event
        expect(await events('usr_a')).toEqual([]);
      }
      const off = await attempt('aoff@example.com', 'code-a2'); // disabled: no sign-in, so no event
      expect(off).toMatchObject({ consumedAt: 200 });
      expect(off!.signInAudited).toBeUndefined();
      expect(await events('usr_aoff')).toEqual([]);
    });

    it('stores the refresh family a recorded sign-in starts where the statement records it, and only then', async () => {
      await stores.users.insert({ id: 'usr_f', tenant: 'default', email: 'family@example.com', emailVerified: true }, 1);
      await stores.users.insert({ id: 'usr_foff', tenant: 'default', email: 'foff@example.com', emailVerified: true, enabled: false }, 1);
      await stores.emailChallenges.insert(challenge('f1', { emailNormalized: 'family@example.com', userId: 'usr_f' }));
      await stores.emailChallenges.insert(challenge('f2', { emailNormalized: 'foff@example.com', userId: 'usr_foff' }));
      const startFamily = (id: string) => ({
        family: { id, clientId: 'account', scope: 'openid email', amr: ['otp'], authTime: 0 }, tokenHash: `hash-${id}`, expiresAt: 90_000,
      });
      const attempt = (email: string, hash: string, id: string) => stores.emailChallenges.attemptCode('default', email, hash, 200, 5, { recordSignIn: true, startFamily: startFamily(id) });
      const wrong = await attempt('family@example.com', 'wrong', 'rtf_wrong');
      expect(wrong!.familyStarted).toBeUndefined();
      expect(await stores.refreshTokens.findFamily('rtf_wrong')).toBeNull();
      const right = await attempt('family@example.com', 'code-f1', 'rtf_right');
      expect(right!.familyStarted === true).toBe(driver.name !== 'd1');
      if (right!.familyStarted) {
        expect(await stores.refreshTokens.findFamily('rtf_right')).toMatchObject({
          id: 'rtf_right', userId: 'usr_f', clientId: 'account', scope: 'openid email', amr: ['otp'], authTime: 0, revokedAt: null,
        });
        // the family is live: its token rotates like any other
        expect(await stores.refreshTokens.rotate('rtf_right', 'hash-rtf_right', 'next', 300, 0)).toMatchObject({ id: 'rtf_right', userId: 'usr_f' });
      } else {
        expect(await stores.refreshTokens.findFamily('rtf_right')).toBeNull(); // left to the token issuer
      }
      const off = await attempt('foff@example.com', 'code-f2', 'rtf_off'); // disabled: no sign-in, so no family
      expect(off).toMatchObject({ consumedAt: 200 });
      expect(off!.familyStarted).toBeUndefined();
      expect(await stores.refreshTokens.findFamily('rtf_off')).toBeNull();
    });

    it('prunes only challenges whose link and code have both expired', async () => {
      await stores.emailChallenges.insert(challenge('p1', { emailNormalized: 'p@example.com', linkExpiresAt: 5000, codeExpiresAt: 0, codeHash: null }));
      await stores.emailChallenges.insert(challenge('p2', { emailNormalized: 'p@example.com', linkExpiresAt: 50_000, codeExpiresAt: 0, codeHash: null }));
      expect(await stores.emailChallenges.prune(10_000)).toBeGreaterThanOrEqual(1);
      expect(await stores.emailChallenges.findLiveLink('link-p2', 6000)).toMatchObject({ id: 'p2' });
      expect(await stores.emailChallenges.consumeLink('link-p1', 10)).toBeNull();
    });
  });

  describe('rate limits', () => {
    it('counts every one of many parallel hits, resets after the window, and gives a try back only in its window', async () => {
      const hits = await Promise.all(Array.from({ length: 25 }, () => stores.rateLimits.hit('k1', 1000, 100)));
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(hits.every((h) => h.windowStart === 100)).toBe(true);
      expect(await stores.rateLimits.peek('k1', 1000, 500)).toBe(25);
      await stores.rateLimits.release('k1', 100);
      expect(await stores.rateLimits.peek('k1', 1000, 500)).toBe(24);
      expect(await stores.rateLimits.hit('k1', 1000, 1099)).toEqual({ count: 25, windowStart: 100 });
      expect(await stores.rateLimits.hit('k1', 1000, 1100)).toEqual({ count: 1, windowStart: 1100 });
      await stores.rateLimits.release('k1', 100); // an old window's try: ignored
      expect(await stores.rateLimits.peek('k1', 1000, 1200)).toBe(1);
      expect(await stores.rateLimits.peek('unknown', 1000, 1200)).toBe(0);
    });

    it('counts a pair of keys in one statement, each in its own window, answered in the order asked', async () => {
      const hits = await Promise.all(Array.from({ length: 10 }, () => stores.rateLimits.hitPair({ key: 'p-ip', windowMs: 100 }, { key: 'p-mail', windowMs: 1000 }, 10)));
      expect(hits.map(([ip]) => ip.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(hits.map(([, mail]) => mail.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      // 150 ms later the 100 ms window has turned over, the 1000 ms one has not
      expect(await stores.rateLimits.hitPair({ key: 'p-ip', windowMs: 100 }, { key: 'p-mail', windowMs: 1000 }, 160))
        .toEqual([{ count: 1, windowStart: 160 }, { count: 11, windowStart: 10 }]);
      // the other way round: the order of the answer follows the order of the question
      expect(await stores.rateLimits.hitPair({ key: 'p-mail', windowMs: 1000 }, { key: 'p-ip', windowMs: 100 }, 170))
        .toEqual([{ count: 12, windowStart: 10 }, { count: 2, windowStart: 160 }]);
    });

    it('prunes counters whose window began before a time', async () => {
      await stores.rateLimits.hit('old', 1000, 50);
      await stores.rateLimits.hit('fresh', 1000, 5000);
      expect(await stores.rateLimits.prune(1000)).toBeGreaterThanOrEqual(1);
      expect(await stores.rateLimits.peek('fresh', 1000, 5100)).toBe(1);
      expect(await stores.rateLimits.hit('old', 1000 ** 2, 60)).toEqual({ count: 1, windowStart: 60 }); // gone, starts afresh
    });
  });

  describe('outbox', () => {
    it('hands each due job to one claimer, retries later, and finishes it', async () => {
      for (const i of [1, 2, 3]) await stores.outbox.enqueueSignIn(`j${i}`, request(`j${i}@example.com`), 100 + i);
      const [a, b] = await Promise.all([stores.outbox.claimDue(200, 2, 1000), stores.outbox.claimDue(200, 2, 1000)]);
      const ids = [...a, ...b].map((j) => j.id).sort();
      expect(ids).toEqual(['j1', 'j2', 'j3']);
      const j1 = [...a, ...b].find((j) => j.id === 'j1')!;
      expect(j1).toMatchObject({ kind: 'sign-in', attempts: 1, createdAt: 101, request: request('j1@example.com') });
      expect(await stores.outbox.claimDue(200, 10, 1000)).toEqual([]);
      await stores.outbox.retryAt('j1', 500, 'throttled');
      await stores.outbox.finish('j2', 'sent', 210, 'msg-1');
      await stores.outbox.finish('j2', 'failed', 220, 'late'); // already final: ignored
      expect(await stores.outbox.statusOf('j2')).toMatchObject({ status: 'sent' });
      expect(await stores.outbox.claimDue(499, 10, 1000)).toEqual([]);
      expect(await stores.outbox.claimDue(500, 10, 1000)).toMatchObject([{ id: 'j1', attempts: 2 }]);
      expect(await stores.outbox.statusOf('j1')).toMatchObject({ status: 'sending', attempts: 2, error: 'throttled' });
    });

    it('marks a job whose worker died mid-send unknown, never resending it', async () => {
      // j3 was claimed at 200 with a lease of 1000 and never finished.
      expect(await stores.outbox.claimDue(1200, 10, 1000)).toEqual([]);
      expect(await stores.outbox.statusOf('j3')).toMatchObject({ status: 'unknown' });
    });

    it('queues account notices beside sign-in jobs and hands them back with their facts', async () => {
      const notice = { kind: 'passkey-added' as const, to: 'n@example.com', passkeyName: 'Laptop', locale: 'en' as const, at: 1300 };
      await stores.outbox.enqueueNotice('n1', notice, 1300);
      expect(await stores.outbox.claimDue(1300, 10, 1000)).toEqual([{ id: 'n1', kind: 'notice', notice, attempts: 1, createdAt: 1300 }]);
      await stores.outbox.finish('n1', 'sent', 1301, 'msg-n1');
      expect(await stores.outbox.statusOf('n1')).toMatchObject({ status: 'sent' });
    });

    it('keeps the log mailer\'s mail, newest first', async () => {
      await stores.outbox.keep({ to: 'x@example.com', subject: 'one', text: 't1', html: 'h1', createdAt: 10 });
      await stores.outbox.keep({ to: 'y@example.com', subject: 'two', text: 't2', html: 'h2', createdAt: 10 });
      await stores.outbox.keep({ to: 'z@example.com', subject: 'zero', text: 't0', html: 'h0', createdAt: 5 });
      expect((await stores.outbox.kept(10)).map((m) => m.subject)).toEqual(['two', 'one', 'zero']);
      expect(await stores.outbox.kept(1)).toEqual([{ to: 'y@example.com', subject: 'two', text: 't2', html: 'h2', createdAt: 10 }]);
    });

    it('prunes finished jobs and old kept mail, never queued or in-flight jobs', async () => {
      await stores.outbox.enqueueSignIn('q1', request('q1@example.com'), 1);
      expect(await stores.outbox.prune(200)).toBe(5); // j2 (sent), j3 (unknown) and the three kept mails
      expect(await stores.outbox.statusOf('q1')).toMatchObject({ status: 'queued' });
      expect(await stores.outbox.statusOf('j1')).toMatchObject({ status: 'sending' });
      expect(await stores.outbox.statusOf('j2')).toBeNull();
    });
  });
});
