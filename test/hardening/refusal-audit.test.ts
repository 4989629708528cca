// Issue 18 item 5: refused (429) requests add to one audit row per limit window, and audit rows older than the retention go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { pruneAuditLog } from '../../src/core/audit/prune-audit-log.ts';
import { backgroundJobs } from '../../src/runtime/background.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { postJson } from '../helpers/email-flow.ts';

const clock = testClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ CUTOVER_RATE_LIMIT_EMAIL: '2/15m', CUTOVER_AUDIT_RETENTION_DAYS: '30' }, { clock });
});
afterAll(() => s?.close());

describe('refused requests', () => {
  it('one client hammering a limit writes one audit row that counts the refusals, per window', async () => {
    const email = 'hammered@example.com';
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await postJson(s.url, '/v1/auth/magic-link', { email, clientId: 'account' })).status);
    expect(statuses.filter((x) => x === 202)).toHaveLength(2);
    expect(statuses.filter((x) => x === 429)).toHaveLength(28);
    const rows = (await s.deps.stores.audit.list({ type: 'email.sign_in.rate_limited', limit: 100 })).filter((r) => r.detail?.email === email);
    expect(rows).toHaveLength(1);
    expect(rows[0].detail).toMatchObject({ email, refused: 28, lastAt: clock.now(), reason: expect.stringMatching(/too many/) });
    // The next window gets a row of its own.
    clock.advance(15 * 60_000 + 1);
    for (let i = 0; i < 3; i++) await postJson(s.url, '/v1/auth/magic-link', { email, clientId: 'account' });
    const after = (await s.deps.stores.audit.list({ type: 'email.sign_in.rate_limited', limit: 100 })).filter((r) => r.detail?.email === email);
    expect(after.map((r) => r.detail?.refused)).toEqual([1, 28]);
  });

  it('a locked address (too many wrong codes) is one row too', async () => {
    const user = await seedUser(s.deps);
    for (let i = 0; i < 16; i++) await postJson(s.url, '/v1/auth/otp/verify', { email: user.email, code: '000000', clientId: 'account' });
    const rows = (await s.deps.stores.audit.list({ type: 'email.code.refused', limit: 100 })).filter((r) => r.detail?.email === user.email);
    expect(rows).toHaveLength(1);
    expect(rows[0].detail?.refused).toBe(6); // tries 11 to 16
  });
});

describe('audit retention', () => {
  it('housekeeping deletes events older than CUTOVER_AUDIT_RETENTION_DAYS and keeps the rest', async () => {
    const day = 86_400_000;
    await s.deps.stores.audit.record({ type: 'test.retention', detail: { age: 'old' } }, clock.now() - 31 * day);
    await s.deps.stores.audit.record({ type: 'test.retention', detail: { age: 'recent' } }, clock.now() - 29 * day);
    expect(await pruneAuditLog(s.deps)).toBeGreaterThanOrEqual(1);
    expect((await s.deps.stores.audit.list({ type: 'test.retention', limit: 10 })).map((r) => r.detail?.age)).toEqual(['recent']);
    expect(backgroundJobs.map((j) => j.name)).toContain('audit retention');
  });

  it('defaults to 365 days and refuses a bad value, naming the variable', () => {
    expect(parseEnv({}).auditRetentionDays).toBe(365);
    expect(() => parseEnv({ CUTOVER_AUDIT_RETENTION_DAYS: '0' })).toThrow(/CUTOVER_AUDIT_RETENTION_DAYS/);
    expect(() => parseEnv({ CUTOVER_AUDIT_RETENTION_DAYS: 'forever' })).toThrow(/CUTOVER_AUDIT_RETENTION_DAYS/);
  });
});
