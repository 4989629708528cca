// /metrics counts every successful sign-in once, on every driver: PostgreSQL writes an email-code sign-in's audit event
// in the code try's own statement, past the audit store the metrics wrap (a bug until stop 24), and federated ones count too.
import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/sqlite/schema.ts';
import { parseEnv } from '../../src/core/shared/config.ts';
import type { Deps } from '../../src/core/shared/deps.ts';
import { newUserId } from '../../src/core/shared/crypto.ts';
import { issueEmailChallenges } from '../../src/core/sign-in/issue-email-challenge.ts';
import { verifyEmailCode } from '../../src/core/sign-in/verify-email-code.ts';
import { makeDeps, prepare } from '../../src/runtime/deps.ts';
import { createMetrics, type NodeMetrics } from '../../src/runtime/node/metrics.ts';
import type { Db } from '../../src/storage/db.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

const signInsOf = async (metrics: NodeMetrics, method = 'email') =>
  Number(new RegExp(`cutover_sign_ins_total\\{method="${method}"\\} (\\d+)`).exec((await metrics.render()).text)?.[1] ?? 0);

describe.each(drivers)('sign-in metrics on $name', (driver) => {
  let deps: Deps;
  let db: Db;
  let metrics: NodeMetrics;
  useStores(driver, async (opened) => {
    db = opened.db;
    metrics = createMetrics(db);
    deps = await makeDeps(parseEnv({ CUTOVER_SECRET: 'test-secret-test-secret-test-secret!', CUTOVER_MAILER: 'log' }), db, { metrics });
    await prepare(deps);
  });

  /** A code mailed to `email` (a known person's when `known`), tried with `code` or the right one. */
  const codeFor = async (email: string, known: boolean) => {
    const userId = known ? (await deps.stores.users.insert({ id: newUserId(), tenant: 'default', email, emailVerified: false }, Date.now()))!.id : null;
    const [issued] = await issueEmailChallenges(deps, [{
      tenant: 'default', clientId: 'account', emailNormalized: email, userId, purpose: 'sign-in',
      redirectUri: null, state: null, codeChallenge: null, linkTtlSeconds: 900, codeTtlSeconds: 600,
    }]);
    return issued.code!;
  };
  const succeeded = async () => Number((await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.type, 'email.sign_in.succeeded')))[0]!.n);

  it('counts a known person\'s code sign-in and a self sign-up once each, as many as the audit log holds, and no wrong code', async () => {
    const before = await signInsOf(metrics);
    const known = await codeFor('known@example.com', true);
    await expect(verifyEmailCode(deps, { email: 'known@example.com', code: known === '000000' ? '111111' : '000000', clientId: 'account', ip: '203.0.113.9' })).rejects.toThrow();
    expect(await signInsOf(metrics)).toBe(before);
    await verifyEmailCode(deps, { email: 'known@example.com', code: known, clientId: 'account', ip: '203.0.113.9' }, { startFamily: true });
    expect(await signInsOf(metrics)).toBe(before + 1);
    const fresh = await codeFor('new@example.com', false);
    await verifyEmailCode(deps, { email: 'new@example.com', code: fresh, clientId: 'account', ip: '203.0.113.9' }, { startFamily: true });
    expect(await signInsOf(metrics)).toBe(before + 2);
    expect(await succeeded()).toBe(2);
  });

  it('counts a federated sign-in under its own method, as its audit event is written', async () => {
    await deps.stores.audit.record({ type: 'federated.sign_in.succeeded', tenant: 'default', userId: null, detail: { provider: 'Google' } }, Date.now());
    expect(await signInsOf(metrics, 'federated')).toBe(1);
    await deps.stores.audit.record({ type: 'federated.sign_in.failed', tenant: 'default', userId: null, detail: { provider: 'Google' } }, Date.now());
    expect(await signInsOf(metrics, 'federated')).toBe(1);
  });
});
