// OIDC userinfo (Core §5.3): the person's claims, by the scopes the access token carries.
import type { Deps } from '../shared/deps.ts';
import type { User } from '../ports/users.ts';
import { readableAttributes } from './claims.ts';
import { legacyOf } from './issue-tokens.ts';
import type { AccessTokenPayload } from './verify-access-token.ts';

const PROFILE = ['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'picture', 'locale', 'zoneinfo', 'website', 'gender', 'birthdate', 'updated_at'];

/** The house shape (every field), kept for tokens of the built-in scope set; claims are then narrowed by scope. */
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

export async function userInfoFor(deps: Pick<Deps, 'stores'>, user: User, token: AccessTokenPayload): Promise<Record<string, unknown>> {
  const scopes = new Set(token.scope.split(' '));
  const legacy = await legacyOf(deps, user.id);
  const all = userInfo(user, legacy.sub);
  const client = await deps.stores.clients.findById(token.client_id);
  // OIDC Core §5.4: email only with `email`, profile claims only with `profile`, phone only with `phone`.
  const out: Record<string, unknown> = { sub: user.id, username: legacy.username ?? user.id };
  for (const [k, v] of Object.entries(all)) {
    if (k === 'email' || k === 'email_verified') { if (scopes.has('email')) out[k] = v; continue; }
    if (k === 'phone_number' || k === 'phone_number_verified') { if (scopes.has('phone') || scopes.has('profile')) out[k] = v; continue; }
    if (PROFILE.includes(k)) { if (scopes.has('profile')) out[k] = v; continue; }
    if (k === 'attributes') continue;
    out[k] = v;
  }
  if (client) Object.assign(out, readableAttributes(user, client));
  if (scopes.has('profile')) out.attributes = all.attributes;
  return out;
}
