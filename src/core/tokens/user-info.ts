// OIDC userinfo (and the shape apps read a profile in).
import type { User } from '../ports/users.ts';

export function userInfo(user: User, legacySub: string | null): Record<string, unknown> {
  return {
    sub: user.id,
    email: user.email,
    email_verified: user.emailVerified,
    ...user.profile,
    freshly_migrated: user.freshlyMigrated,
    groups: user.roles,
    'cognito:groups': user.roles,
    ...(legacySub ? { legacy_sub: legacySub } : {}),
    attributes: user.attributes,
  };
}
