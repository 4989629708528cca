// Admin: settle one import conflict by hand: merge it into a chosen person, or import it as a separate person.
import type { Deps } from '../shared/deps.ts';
import { AuthError, InvalidRequestError } from '../shared/errors.ts';
import { newUserId } from '../shared/crypto.ts';
import { normalizeEmail } from '../shared/email.ts';
import type { ImportLink, ImportWrite } from '../ports/imports.ts';
import { auditAdmin, type AdminActor } from '../admin/admin-actor.ts';
import { mapCognitoUser, type CognitoUserRecord } from './import-mapping.ts';

export type ConflictResolution = { resolution: 'merge'; into: string } | { resolution: 'separate' };

export async function resolveImportConflict(
  deps: Pick<Deps, 'stores' | 'clock'>, by: AdminActor, key: { userPoolId: string; legacySub: string }, how: ConflictResolution,
): Promise<{ userId: string; outcome: 'merged' | 'created' }> {
  const conflict = await deps.stores.imports.findConflict(key.userPoolId, key.legacySub);
  if (!conflict) throw new AuthError('not_found', 'no such import conflict');
  // Groups are not kept with a conflict: the person keeps the roles they have (a re-import unites them later).
  const mapped = mapCognitoUser(JSON.parse(conflict.record) as CognitoUserRecord, [], conflict.legacySub);
  if (!mapped.ok) throw new AuthError('conflict', `the source record cannot be imported (${mapped.reason}); fix it in Cognito and import again`);
  const u = mapped.user;
  if ((await deps.stores.imports.findLinks(key.userPoolId, [u.sub])).length > 0) throw new AuthError('conflict', 'this Cognito user is already linked to a person');
  const link = (userId: string, origin: ImportLink['origin']): ImportLink =>
    ({ userPoolId: key.userPoolId, sub: u.sub, userId, username: u.username, status: u.status, sourceHash: u.hash, origin });
  const write: ImportWrite = { userPoolId: key.userPoolId, created: [], linksAdded: [], linksChanged: [], profilesChanged: [], rolesChanged: [], conflicts: [], resolved: [u.sub] };

  let userId: string;
  if (how.resolution === 'merge') {
    const target = how.into.includes('@')
      ? await deps.stores.users.findByEmail(conflict.tenant, normalizeEmail(how.into))
      : await deps.stores.users.findById(how.into);
    if (!target || target.tenant !== conflict.tenant) throw new InvalidRequestError(`into: no person with this id or email in tenant "${conflict.tenant}"`, 'into');
    userId = target.id;
    write.linksAdded.push(link(userId, 'merged'));
  } else {
    // An address is unique in a tenant: a separate person cannot take one that someone already holds.
    if (u.emailNormalized && (await deps.stores.users.findByEmail(conflict.tenant, u.emailNormalized))) {
      throw new AuthError('conflict', 'the address belongs to another person in this tenant; merge into them instead');
    }
    userId = newUserId();
    write.created.push({
      user: { id: userId, tenant: conflict.tenant, email: u.email, emailVerified: u.emailVerified, enabled: u.enabled, freshlyMigrated: true, profile: u.profile, attributes: u.attributes, roles: u.roles, identities: u.identities },
      link: link(userId, 'created'),
    });
  }
  const now = deps.clock.now();
  // One atomic write (the import's own): the link or the new person, and the conflict row cleared.
  await deps.stores.imports.apply(write, now);
  const outcome = how.resolution === 'merge' ? 'merged' : 'created';
  await auditAdmin(deps, by, { type: 'import.conflict_resolved', tenant: conflict.tenant, userId, detail: { userPoolId: key.userPoolId, legacySub: u.sub, outcome } }, now);
  return { userId, outcome };
}
