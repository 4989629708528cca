// Decides, for one batch of source users, which end each meets (SPEC §2) and what to write.
import type { ImportStore, ImportTarget, ImportWrite, ImportLink } from '../ports/imports.ts';
import { mapCognitoUser, uniteRoles, type CognitoUserRecord, type MapResult, type MappedUser } from './import-mapping.ts';
import { newUserId } from '../shared/crypto.ts';
import type { SeenSubs } from './seen-subs.ts';

export interface SourceUser {
  record: CognitoUserRecord;
  groups: readonly string[];
  /** where it came from, for conflicts without a sub (e.g. "users.json#12") */
  position: string;
}

export type Outcome = 'created' | 'updated' | 'unchanged' | 'merged' | 'conflict';
export interface Decision { outcome: Outcome; legacySub: string; reason?: string; userId?: string }

/**
 * What earlier batches of this run decided but the database may not hold yet (dry runs write nothing);
 * a real run clears it after each committed batch, so memory stays bounded.
 */
export interface Overlay {
  links: Map<string, ImportLink & { user: ImportTarget }>;
  emails: Map<string, ImportTarget>;
}
export const newOverlay = (): Overlay => ({ links: new Map(), emails: new Map() });

export interface PlanContext {
  tenant: string;
  userPoolId: string;
  /** subs earlier batches of this run decided: a second record with one of them is a conflict, never an overwrite */
  seen?: SeenSubs;
}

const DUPLICATE_SUB = 'duplicate_sub: this sub appears more than once in the import; the first record was kept';

/** Each source user with its mapped record: pure work, which needs nothing stored (so it may run ahead of a batch). */
export type MappedSourceUser = { it: SourceUser; r: MapResult };
export const mapSourceUser = (it: SourceUser): MappedSourceUser => ({ it, r: mapCognitoUser(it.record, it.groups, it.position) });

export async function planImportBatch(
  store: ImportStore, ctx: PlanContext, items: SourceUser[], overlay: Overlay, mapped: MappedSourceUser[] = items.map(mapSourceUser),
): Promise<{ write: ImportWrite; decisions: Decision[] }> {
  const ok = mapped.flatMap((m) => (m.r.ok ? [m.r.user] : []));
  const targets = new Map<string, ImportTarget>(); // one object per user id, so role changes accumulate
  const keep = (t: ImportTarget) => targets.get(t.id) ?? (targets.set(t.id, t), t);
  for (const [sub, l] of overlay.links) overlay.links.set(sub, { ...l, user: keep(l.user) });
  for (const [e, t] of overlay.emails) overlay.emails.set(e, keep(t));

  const subs = [...new Set(ok.map((u) => u.sub).filter((s) => !overlay.links.has(s)))];
  for (const l of await store.findLinks(ctx.userPoolId, subs)) overlay.links.set(l.sub, { ...l, user: keep(l.user) });
  const emails = [...new Set(ok.flatMap((u) => (u.emailNormalized && !overlay.emails.has(u.emailNormalized) ? [u.emailNormalized] : [])))];
  for (const t of await store.findUsersByEmail(ctx.tenant, emails)) if (t.emailNormalized) overlay.emails.set(t.emailNormalized, keep(t));

  const write: ImportWrite = { userPoolId: ctx.userPoolId, created: [], linksAdded: [], linksChanged: [], profilesChanged: [], rolesChanged: [], conflicts: [], resolved: [] };
  const profiles = new Map<string, MappedUser>();
  const rolesTouched = new Set<string>();
  const decisions: Decision[] = [];
  const conflict = (m: MappedUser | null, legacySub: string, username: string | null, reason: string, record: unknown) => {
    write.conflicts.push({ userPoolId: ctx.userPoolId, legacySub, tenant: ctx.tenant, username, email: m?.email ?? null, reason, record: JSON.stringify(record) });
    decisions.push({ outcome: 'conflict', legacySub, reason });
  };
  const done = (outcome: Outcome, u: MappedUser, userId: string) => {
    write.resolved.push(u.sub);
    for (const i of u.identities) {
      const { providerName, userId: subject } = (i ?? {}) as { providerName?: unknown; userId?: unknown };
      if (typeof providerName !== 'string' || (typeof subject !== 'string' && typeof subject !== 'number')) continue;
      (write.federatedLinks ??= []).push({ tenant: ctx.tenant, provider: providerName, subject: String(subject), userId, trusted: u.emailVerified || u.email === null });
    }
    decisions.push({ outcome, legacySub: u.sub, userId });
  };
  const link = (u: MappedUser, userId: string, origin: ImportLink['origin']): ImportLink =>
    ({ userPoolId: ctx.userPoolId, sub: u.sub, userId, username: u.username, status: u.status, sourceHash: u.hash, origin });
  const addRoles = (t: ImportTarget, roles: string[]) => {
    const united = uniteRoles(t.roles, roles);
    if (united.length !== t.roles.length) (t.roles = united), rolesTouched.add(t.id);
  };

  const inBatch = new Set<string>();
  const duplicates = new Set<string>();
  for (const { it, r } of mapped) {
    if (!r.ok) {
      conflict(null, r.legacySub, r.username, r.reason, it.record);
      continue;
    }
    const u = r.user;
    if (inBatch.has(u.sub) || ctx.seen?.has(u.sub)) {
      duplicates.add(u.sub);
      conflict(u, u.sub, u.username, DUPLICATE_SUB, it.record);
      continue;
    }
    inBatch.add(u.sub);
    const existing = overlay.links.get(u.sub);
    if (existing && existing.user.tenant !== ctx.tenant) {
      // A legacy link names one cutover user: the same pool user cannot also live in a second tenant.
      conflict(u, u.sub, u.username, `linked_in_other_tenant: this Cognito user was imported into tenant "${existing.user.tenant}"`, it.record);
      continue;
    }
    if (existing) {
      if (existing.sourceHash === u.hash) {
        done('unchanged', u, existing.userId);
        continue;
      }
      const t = existing.user;
      if (existing.origin === 'created' && u.emailNormalized !== t.emailNormalized) {
        const holder = u.emailNormalized ? overlay.emails.get(u.emailNormalized) : undefined;
        if (holder && holder.id !== t.id) {
          conflict(u, u.sub, u.username, 'email_taken: the changed email already belongs to another user in the tenant', it.record);
          continue;
        }
        if (t.emailNormalized) overlay.emails.delete(t.emailNormalized);
        t.emailNormalized = u.emailNormalized;
        t.emailVerified = u.emailVerified;
        if (u.emailNormalized) overlay.emails.set(u.emailNormalized, t);
      }
      if (existing.origin === 'created') {
        // The source owns this profile; an email proven in cutover is never un-verified by a re-import.
        t.emailVerified = t.emailVerified || u.emailVerified;
        profiles.set(t.id, u);
      }
      addRoles(t, u.roles);
      const changed = link(u, t.id, existing.origin);
      write.linksChanged.push(changed);
      overlay.links.set(u.sub, { ...changed, user: t });
      done('updated', u, t.id);
      continue;
    }
    const holder = u.emailNormalized ? overlay.emails.get(u.emailNormalized) : undefined;
    if (holder) {
      if (!u.emailVerified || !holder.emailVerified) {
        const reason = !u.emailVerified
          ? 'email_unverified_in_source: the address already belongs to a user in the tenant and is not verified in Cognito'
          : 'email_unverified_in_tenant: the address belongs to a user in the tenant who has not verified it';
        conflict(u, u.sub, u.username, reason, it.record);
        continue;
      }
      // Merge rule: one person; the existing profile wins, the link is added, roles are united.
      addRoles(holder, u.roles);
      const added = link(u, holder.id, 'merged');
      write.linksAdded.push(added);
      overlay.links.set(u.sub, { ...added, user: holder });
      done('merged', u, holder.id);
      continue;
    }
    const id = newUserId();
    const t: ImportTarget = { id, tenant: ctx.tenant, emailNormalized: u.emailNormalized, emailVerified: u.emailVerified, roles: u.roles };
    keep(t);
    const created = link(u, id, 'created');
    write.created.push({
      user: { id, tenant: ctx.tenant, email: u.email, emailVerified: u.emailVerified, enabled: u.enabled, freshlyMigrated: true,
        profile: u.profile, attributes: u.attributes, roles: u.roles, identities: u.identities },
      link: created,
    });
    overlay.links.set(u.sub, { ...created, user: t });
    if (u.emailNormalized) overlay.emails.set(u.emailNormalized, t);
    done('created', u, id);
  }

  // the first record of a duplicated sub must not clear the conflict its second one just recorded
  if (duplicates.size) write.resolved = write.resolved.filter((sub) => !duplicates.has(sub));
  const createdIds = new Set(write.created.map((c) => c.user.id));
  for (const c of write.created) c.user.roles = targets.get(c.user.id)?.roles ?? c.user.roles; // merged into within the batch
  for (const [id, u] of profiles) {
    const t = targets.get(id)!;
    write.profilesChanged.push({ id, email: u.email, emailVerified: t.emailVerified, enabled: u.enabled, profile: u.profile, attributes: u.attributes, roles: t.roles, identities: u.identities });
  }
  for (const id of rolesTouched) if (!createdIds.has(id) && !profiles.has(id)) write.rolesChanged.push({ id, roles: targets.get(id)!.roles });
  return { write, decisions };
}
