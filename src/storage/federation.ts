// FederationStore on drizzle: sign-ins under way (spent once), people's upstream links, the SAML replay cache.
import { and, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm';
import { federatedLinks, federatedRequests, samlAssertions, users } from '../../db/sqlite/schema.ts';
import type { FederatedLink, FederationStore, LinkStatus } from '../core/ports/federation.ts';
import { runBatch, type Db } from './db.ts';
import { parseJson } from './json.ts';

type LinkRow = typeof federatedLinks.$inferSelect;
const toLink = (r: LinkRow): FederatedLink => ({
  tenant: r.tenant, provider: r.provider, subject: r.subject, userId: r.userId, status: r.status as LinkStatus,
  email: r.email, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt,
});
const linkKey = (tenant: string, provider: string, subject: string) =>
  and(eq(federatedLinks.tenant, tenant), eq(federatedLinks.provider, provider), eq(federatedLinks.subject, subject));
// Cognito's `identities` entries name the provider and the upstream user id.
const sameIdentity = (i: unknown, provider: string, subject: string) =>
  typeof i === 'object' && i !== null && (i as { providerName?: unknown }).providerName === provider && String((i as { userId?: unknown }).userId) === subject;

export function createFederationStore(db: Db): FederationStore {
  // Prepared once: every email sign-in runs it (and almost always finds nothing to trust).
  const trust = db.update(federatedLinks).set({ status: 'active', updatedAt: sql`${sql.placeholder('now')}` })
    .where(and(eq(federatedLinks.userId, sql.placeholder('userId')), eq(federatedLinks.status, 'untrusted'))).prepare();
  const identitiesOf = async (userId: string) =>
    parseJson<unknown[]>((await db.select({ identities: users.identities }).from(users).where(eq(users.id, userId)))[0]?.identities, []);
  const withIdentity = async (link: Pick<FederatedLink, 'userId' | 'provider' | 'subject'>, identity: Record<string, unknown>, now: number) => {
    const list = (await identitiesOf(link.userId)).filter((i) => !sameIdentity(i, link.provider, link.subject));
    await db.update(users).set({ identities: JSON.stringify([...list, identity]), updatedAt: now }).where(eq(users.id, link.userId));
  };
  return {
    async insertRequest(r) {
      await db.insert(federatedRequests).values(r);
    },
    async consumeRequest(stateHash, now) {
      const [row] = await db.update(federatedRequests).set({ consumedAt: now })
        .where(and(eq(federatedRequests.stateHash, stateHash), isNull(federatedRequests.consumedAt), gt(federatedRequests.expiresAt, now)))
        .returning();
      if (!row) return null;
      const { consumedAt: _spent, ...request } = row;
      return request;
    },
    async findLink(tenant, provider, subject) {
      const [row] = await db.select().from(federatedLinks).where(linkKey(tenant, provider, subject));
      return row ? toLink(row) : null;
    },
    async linksOf(userId) {
      return (await db.select().from(federatedLinks).where(eq(federatedLinks.userId, userId))).map(toLink);
    },
    async addLink(link, identity, now) {
      const inserted = await db.insert(federatedLinks).values({ ...link, updatedAt: now }).onConflictDoNothing().returning({ userId: federatedLinks.userId });
      if (inserted.length === 0) return false;
      await withIdentity(link, identity, now);
      return true;
    },
    async putPendingLink(link, pendingHash, expiresAt, now) {
      await db.insert(federatedLinks).values({ ...link, status: 'pending', pendingHash, pendingExpiresAt: expiresAt, updatedAt: now })
        .onConflictDoUpdate({
          target: [federatedLinks.tenant, federatedLinks.provider, federatedLinks.subject],
          set: { userId: link.userId, email: link.email, pendingHash, pendingExpiresAt: expiresAt, updatedAt: now },
          // an active or untrusted link is never turned back into a pending one, and a live pending one keeps the
          // browser it was bound to (a later attempt elsewhere cannot take it over)
          setWhere: and(eq(federatedLinks.status, 'pending'), lte(federatedLinks.pendingExpiresAt, now)),
        });
    },
    async completePendingLinks(userId, pendingHash, now) {
      const rows = await db.update(federatedLinks).set({ status: 'active', pendingHash: null, pendingExpiresAt: null, updatedAt: now })
        .where(and(eq(federatedLinks.userId, userId), eq(federatedLinks.pendingHash, pendingHash), eq(federatedLinks.status, 'pending'),
          gt(federatedLinks.pendingExpiresAt, now)))
        .returning();
      return rows.map(toLink);
    },
    async setIdentity(userId, provider, subject, identity, now) {
      await withIdentity({ userId, provider, subject }, identity, now);
    },
    async trustLinks(userId, now) {
      await trust.run({ userId, now });
    },
    async markUsed(tenant, provider, subject, now) {
      await db.update(federatedLinks).set({ lastUsedAt: now }).where(linkKey(tenant, provider, subject));
    },
    async removeLink(userId, provider, subject, now) {
      const list = await identitiesOf(userId);
      const [row] = await db.select({ tenant: federatedLinks.tenant }).from(federatedLinks)
        .where(and(eq(federatedLinks.userId, userId), eq(federatedLinks.provider, provider), eq(federatedLinks.subject, subject)));
      const inClaim = list.some((i) => sameIdentity(i, provider, subject));
      if (!row && !inClaim) return false;
      await runBatch(db, [
        db.delete(federatedLinks).where(and(eq(federatedLinks.userId, userId), eq(federatedLinks.provider, provider), eq(federatedLinks.subject, subject))),
        db.update(users).set({ identities: JSON.stringify(list.filter((i) => !sameIdentity(i, provider, subject))), updatedAt: now }).where(eq(users.id, userId)),
      ]);
      return true;
    },
    async prune(before) {
      const [requests, pending, assertions] = await Promise.all([
        db.delete(federatedRequests).where(lt(federatedRequests.expiresAt, before)).returning({ k: federatedRequests.stateHash }),
        db.delete(federatedLinks).where(and(eq(federatedLinks.status, 'pending'), lt(federatedLinks.pendingExpiresAt, before))).returning({ k: federatedLinks.subject }),
        db.delete(samlAssertions).where(lt(samlAssertions.expiresAt, before)).returning({ k: samlAssertions.id }),
      ]);
      return requests.length + pending.length + assertions.length;
    },
    async spendAssertion(id, expiresAt, now) {
      // expired entries go first, so the cache stays as small as the assertions still live
      await db.delete(samlAssertions).where(lt(samlAssertions.expiresAt, now));
      const rows = await db.insert(samlAssertions).values({ id, expiresAt }).onConflictDoNothing().returning({ id: samlAssertions.id });
      return rows.length === 1;
    },
  };
}
