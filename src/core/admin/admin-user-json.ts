// The one shape a user takes in admin answers (SPEC §5); every admin route and command uses this.
import type { AdminUserRecord } from '../ports/admin-users.ts';
import type { User } from '../ports/users.ts';

export interface AdminUserJson extends Pick<User, 'id' | 'tenant' | 'email' | 'emailVerified' | 'enabled' | 'freshlyMigrated' | 'profile' | 'attributes' | 'roles'> {
  legacyLinks: { userPoolId: string; sub: string; username: string; status: string | null }[];
  /** federated provider links (SPEC §10), from the Cognito-shaped `identities` */
  identities: { provider: string; subject: string }[];
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null; backedUp: boolean }[];
  createdAt: string;
  lastSignInAt: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Times are ISO 8601 strings (UTC), as admin APIs of Auth0 and Cognito print them. */
export function adminUserJson({ user, legacyLinks, passkeys }: AdminUserRecord): AdminUserJson {
  return {
    id: user.id,
    tenant: user.tenant,
    email: user.email,
    emailVerified: user.emailVerified,
    enabled: user.enabled,
    freshlyMigrated: user.freshlyMigrated,
    profile: user.profile,
    attributes: user.attributes,
    roles: user.roles,
    legacyLinks: legacyLinks.map((l) => ({ userPoolId: l.userPoolId, sub: l.sub, username: l.username, status: l.status })),
    identities: identityLinks(user.identities),
    passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: iso(p.createdAt), lastUsedAt: p.lastUsedAt === null ? null : iso(p.lastUsedAt), backedUp: p.backedUp })),
    createdAt: iso(user.createdAt),
    lastSignInAt: user.lastSignInAt === null ? null : iso(user.lastSignInAt),
  };
}

/** (provider, subject) of each entry of Cognito's `identities` attribute. */
export function identityLinks(identities: unknown[]): { provider: string; subject: string }[] {
  return identities.flatMap((i) => {
    const { providerName, userId } = (i ?? {}) as { providerName?: unknown; userId?: unknown };
    return typeof providerName === 'string' && (typeof userId === 'string' || typeof userId === 'number') ? [{ provider: providerName, subject: String(userId) }] : [];
  });
}
