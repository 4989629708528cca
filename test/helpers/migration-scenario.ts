// A seeded migration (imports, sign-ins, passkeys, invitations) whose report figures are worked out by hand.
import { auditEvents, importConflicts, invitationBatches, invitations, legacyLinks, passkeys, suppressions, users } from '../../db/sqlite/schema.ts';
import type { Db } from '../../src/storage/db.ts';

export const DAY = 86_400_000;
const H = 3_600_000;
/** Import time: 2025-01-01T00:00Z. The report is read at NOW, 10.5 days later (2025-01-11). */
export const T0 = Date.UTC(2025, 0, 1);
export const NOW = T0 + 10 * DAY + 12 * H;

type U = { id: string; tenant?: string; enabled?: boolean; emailVerified?: boolean; emailVerifiedAt?: number | null; lastSignInAt?: number | null; imported?: boolean };

export async function seedMigrationScenario(db: Db): Promise<void> {
  const people: U[] = [
    // u1: signed in on day 2 (audit) and day 5 (audit + last_sign_in_at), proved the email on day 2, added a passkey.
    { id: 'u1', emailVerified: true, emailVerifiedAt: T0 + 2 * DAY + H, lastSignInAt: T0 + 5 * DAY + H },
    // u2: signed in on day 4; no audit event, only last_sign_in_at.
    { id: 'u2', emailVerified: true, emailVerifiedAt: T0 + 4 * DAY + 3 * H, lastSignInAt: T0 + 4 * DAY + 3 * H },
    // u3: signed in on day 4 (audit); email was already verified in Cognito.
    { id: 'u3', emailVerified: true, emailVerifiedAt: T0, lastSignInAt: T0 + 4 * DAY + 5 * H },
    { id: 'u4', emailVerified: true, emailVerifiedAt: T0 },
    { id: 'u5', emailVerified: true, emailVerifiedAt: T0 },
    { id: 'u6', emailVerified: true, emailVerifiedAt: T0 },
    { id: 'u7' }, { id: 'u8' }, { id: 'u9' },
    { id: 'u10', enabled: false },
    // Not imported (signed up after the cutover) and another tenant's import: both outside the report.
    { id: 'u11', imported: false, emailVerified: true, emailVerifiedAt: T0 + 3 * DAY, lastSignInAt: T0 + 3 * DAY },
    { id: 'u12', tenant: 'acme', lastSignInAt: T0 + 3 * DAY },
  ];
  for (const p of people) {
    await db.insert(users).values({
      id: p.id, tenant: p.tenant ?? 'default', email: `${p.id}@example.com`, emailNormalized: `${p.id}@example.com`,
      emailVerified: p.emailVerified ?? false, enabled: p.enabled ?? true, freshlyMigrated: !p.lastSignInAt && p.imported !== false,
      createdAt: T0, updatedAt: T0, lastSignInAt: p.lastSignInAt ?? null, emailVerifiedAt: p.emailVerifiedAt ?? null,
    });
    if (p.imported !== false) {
      await db.insert(legacyLinks).values({ userPoolId: 'us-east-1_pool', sub: `sub-${p.id}`, userId: p.id, username: p.id, status: 'CONFIRMED', createdAt: T0, updatedAt: T0 });
    }
  }
  // u1 also has a second legacy link, made later (pools merged): the import time stays the first.
  await db.insert(legacyLinks).values({ userPoolId: 'us-east-1_other', sub: 'sub-u1b', userId: 'u1', username: 'u1b', status: 'CONFIRMED', createdAt: T0 + 3 * DAY, updatedAt: T0 + 3 * DAY });
  const conflict = (sub: string, tenant: string) => ({ userPoolId: 'us-east-1_pool', legacySub: sub, tenant, reason: 'email taken, not verified', record: '{}', createdAt: T0, updatedAt: T0 });
  await db.insert(importConflicts).values([conflict('c1', 'default'), conflict('c2', 'default'), conflict('c3', 'acme')]);
  await db.insert(passkeys).values({ id: 'pk1', userId: 'u1', publicKey: 'x', name: 'Laptop', createdAt: T0 + 2 * DAY + 2 * H });
  const signIn = (id: string, userId: string, at: number) => ({ id, at, type: 'email.sign_in.succeeded', tenant: 'default', userId });
  await db.insert(auditEvents).values([
    signIn('e0', 'u1', T0 - DAY), // before the import: not a sign-in "since import"
    signIn('e1', 'u1', T0 + 2 * DAY + H),
    signIn('e2', 'u1', T0 + 5 * DAY + H), // same instant as last_sign_in_at: counted once
    { ...signIn('e3', 'u3', T0 + 4 * DAY + 5 * H), type: 'passkey.sign_in.succeeded' },
    signIn('e4', 'u11', T0 + 3 * DAY),
    { id: 'e5', at: T0 + 6 * DAY, type: 'client.created', tenant: 'default', userId: 'u4' },
  ]);
  await db.insert(invitationBatches).values({ id: 'b1', tenant: 'default', clientId: 'account', queued: 5, createdAt: T0 + DAY });
  const inv = (userId: string, status: string) => ({ batchId: 'b1', userId, email: `${userId}@example.com`, status, nextAttemptAt: T0 + DAY });
  await db.insert(invitations).values([inv('u4', 'sent'), inv('u5', 'failed'), inv('u6', 'unknown'), inv('u7', 'sent'), inv('u11', 'sent')]);
  // u7's invitation bounced and u9 unsubscribed: no longer reachable. u10 (disabled) and u11 (not imported) change nothing.
  const gone = (email: string, reason: string) => ({ emailNormalized: email, reason, createdAt: T0 + 2 * DAY });
  await db.insert(suppressions).values([gone('u7@example.com', 'bounce'), gone('u9@example.com', 'unsubscribe'), gone('u10@example.com', 'complaint'), gone('u11@example.com', 'bounce')]);
}

/** The figures above, worked out by hand. */
export const EXPECTED_TOTALS = { imported: 10, conflicts: 2, disabled: 1, emailVerified: 6, withPasskey: 1, signedInSinceImport: 3, invited: 2, reachable: 7 };
/** u1..u9 (u10 is disabled): days until the first sign-in since import, or until NOW. */
export const EXPECTED_EXPOSURE_DAYS = (2 * DAY + 1 * 3_600_000 + 4 * DAY + 3 * 3_600_000 + 4 * DAY + 5 * 3_600_000 + 6 * (NOW - T0)) / DAY;
