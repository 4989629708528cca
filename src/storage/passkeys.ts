// PasskeyStore on drizzle: counter moves and challenge consumption are single conditional UPDATEs.
import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { passkeys, webauthnChallenges } from '../../db/sqlite/schema.ts';
import type { Passkey, PasskeyDeviceType, PasskeyStore, WebAuthnCeremony } from '../core/ports/passkeys.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

type Row = typeof passkeys.$inferSelect;

const toPasskey = (r: Row): Passkey => ({
  id: r.id,
  userId: r.userId,
  publicKey: r.publicKey,
  counter: r.counter,
  transports: parseJson<string[]>(r.transports, []),
  aaguid: r.aaguid,
  deviceType: (r.deviceType as PasskeyDeviceType | null) ?? null,
  backupEligible: r.backupEligible,
  backedUp: r.backedUp,
  name: r.name,
  flaggedAt: r.flaggedAt,
  createdAt: r.createdAt,
  lastUsedAt: r.lastUsedAt,
});

export function createPasskeyStore(db: Db): PasskeyStore {
  return {
    async insert(p) {
      const rows = await db.insert(passkeys).values({ ...p, transports: JSON.stringify(p.transports) })
        .onConflictDoNothing().returning({ id: passkeys.id });
      return rows.length > 0;
    },
    async findById(id) {
      const [row] = await db.select().from(passkeys).where(eq(passkeys.id, id));
      return row ? toPasskey(row) : null;
    },
    async listByUser(userId) {
      const rows = await db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt), asc(passkeys.id));
      return rows.map(toPasskey);
    },
    async recordUse(id, use) {
      const rows = await db.update(passkeys)
        .set({ counter: use.counter, backedUp: use.backedUp, lastUsedAt: use.now })
        .where(and(
          eq(passkeys.id, id),
          isNull(passkeys.flaggedAt),
          or(lt(passkeys.counter, use.counter), and(eq(passkeys.counter, 0), sql`${use.counter} = 0`)),
        ))
        .returning({ id: passkeys.id });
      return rows.length > 0;
    },
    async flag(id, now) {
      await db.update(passkeys).set({ flaggedAt: now }).where(and(eq(passkeys.id, id), isNull(passkeys.flaggedAt)));
    },
    async rename(userId, id, name) {
      const rows = await db.update(passkeys).set({ name })
        .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId))).returning({ id: passkeys.id });
      return rows.length > 0;
    },
    async remove(userId, id) {
      const rows = await db.delete(passkeys)
        .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId))).returning({ id: passkeys.id });
      return rows.length > 0;
    },
    async insertChallenge(ch) {
      await db.insert(webauthnChallenges).values(ch);
    },
    async consumeChallenge(challengeHash, kind, now) {
      const [row] = await db.update(webauthnChallenges).set({ consumedAt: now })
        .where(and(
          eq(webauthnChallenges.challengeHash, challengeHash),
          eq(webauthnChallenges.kind, kind),
          isNull(webauthnChallenges.consumedAt),
          gt(webauthnChallenges.expiresAt, now),
        ))
        .returning();
      return row
        ? { challengeHash: row.challengeHash, kind: row.kind as WebAuthnCeremony, userId: row.userId, createdAt: row.createdAt, expiresAt: row.expiresAt }
        : null;
    },
    async purgeChallenges(before) {
      const rows = await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, before)).returning({ h: webauthnChallenges.challengeHash });
      return rows.length;
    },
  };
}
