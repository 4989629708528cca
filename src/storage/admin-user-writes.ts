// The AdminUserStore's writes: edit a user in one UPDATE, erase a person (and every trace of the address) in one batch.
import { eq, or, sql, and } from 'drizzle-orm';
import {
  auditEvents, emailChallenges, importConflicts, invitations, outbox, rateLimits, users, webauthnChallenges,
} from '../../db/sqlite/schema.ts';
import type { UserPatch } from '../core/ports/admin-users.ts';
import type { AuditEvent } from '../core/ports/audit.ts';
import type { User } from '../core/ports/users.ts';
import { newId } from '../core/shared/crypto.ts';
import { normalizeEmail } from '../core/shared/email.ts';
import { runBatch, type Db } from './db.ts';
import { dialectOf } from './dialect.ts';
import { toUser } from './users.ts';

export async function updateUser(db: Db, id: string, patch: UserPatch, now: number): Promise<User | null> {
  const set: Partial<Record<keyof typeof users.$inferInsert, unknown>> = { updatedAt: now };
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  // json_patch is RFC 7396 in SQLite: merged in the same statement, so two edits of different keys both survive.
  const { jsonMergePatch } = dialectOf(db);
  if (patch.profile) set.profile = jsonMergePatch(users.profile, JSON.stringify(patch.profile));
  if (patch.attributes) set.attributes = jsonMergePatch(users.attributes, JSON.stringify(patch.attributes));
  if (patch.roles) set.roles = JSON.stringify(patch.roles);
  const rows = await db.update(users).set(set as typeof users.$inferInsert).where(eq(users.id, id)).returning();
  return rows[0] ? toUser(rows[0]) : null;
}

export async function eraseUser(db: Db, user: User, audit: AuditEvent, now: number): Promise<void> {
  const email = user.email ? normalizeEmail(user.email) : null;
  const byAddress = <T>(build: (e: string) => T): T[] => (email ? [build(email)] : []);
  await runBatch(db, [
    db.delete(emailChallenges).where(email
      ? or(eq(emailChallenges.userId, user.id), and(eq(emailChallenges.tenant, user.tenant), eq(emailChallenges.emailNormalized, email)))
      : eq(emailChallenges.userId, user.id)),
    db.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, user.id)),
    db.delete(invitations).where(eq(invitations.userId, user.id)),
    ...byAddress((e) => db.delete(outbox).where(eq(sql`lower(${outbox.to})`, e))),
    ...byAddress((e) => db.delete(importConflicts).where(and(eq(importConflicts.tenant, user.tenant), eq(sql`lower(${importConflicts.email})`, e)))),
    ...byAddress((e) => db.delete(rateLimits).where(or(eq(rateLimits.key, `send-email:${user.tenant}:${e}`), eq(rateLimits.key, `code-fail:${user.tenant}:${e}`)))),
    // Earlier entries about the person go: the one below, with no personal data, says a person was deleted.
    db.delete(auditEvents).where(email
      ? or(eq(auditEvents.userId, user.id), eq(dialectOf(db).jsonValue(auditEvents.detail, 'email'), email))
      : eq(auditEvents.userId, user.id)),
    // Cascades (foreign keys): legacy links, passkeys, sessions, refresh-token families and their tokens, auth codes.
    db.delete(users).where(eq(users.id, user.id)),
    db.insert(auditEvents).values({
      id: newId('evt'), at: now, type: audit.type, tenant: audit.tenant ?? null, userId: audit.userId ?? null, clientId: audit.clientId ?? null,
      ip: audit.ip ?? null, actor: audit.actor ?? null, detail: JSON.stringify(audit.detail ?? {}),
    }),
  ]);
}
