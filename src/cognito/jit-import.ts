// Just-in-time import: an email unknown at sign-in is looked up in the configured pool and imported on the spot.
import { AdminListGroupsForUserCommand, ListUsersCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { Config } from '../core/shared/config.ts';
import type { Stores } from '../core/ports/index.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { User } from '../core/ports/users.ts';
import { importUsers, type ImportSource, type SourceUser } from '../core/import/import-users.ts';
import { normalizeEmail } from '../core/shared/email.ts';
import { createCognitoCaller, type CognitoCaller } from './client.ts';
import { PAGE_SIZE } from './pool-source.ts';

/**
 * A ListUsers filter matching one email exactly. Cognito's filter grammar is `attribute = "value"` with
 * `\` escaping inside the quotes (Cognito API Reference, ListUsers: Filter), so `"` and `\` are escaped
 * and nothing the person typed can end the string and add a clause.
 */
export function emailFilter(email: string): string {
  return `email = "${email.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export type JitImporter = (tenant: string, emailNormalized: string) => Promise<User | null>;

export function createJitImporter(config: Config, stores: Stores, clock: Clock, caller?: CognitoCaller): JitImporter {
  const userPoolId = config.cognitoUserPoolId;
  if (!userPoolId) throw new TypeError('createJitImporter: "cognitoUserPoolId" (CUTOVER_COGNITO_USER_POOL_ID) is not set');
  const cognito = caller ?? createCognitoCaller(config, { region: regionOf(userPoolId) ?? config.aws.region, maxRetries: 3 });
  return async (tenant, emailNormalized) => {
    const email = normalizeEmail(emailNormalized);
    const res = await cognito.call((c) => c.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: emailFilter(email), Limit: PAGE_SIZE })));
    // The filter is exact and case-sensitive on Cognito's side; compare again here so only this address is imported.
    const matches = (res.Users ?? []).filter((u) => attr(u, 'email') !== undefined && normalizeEmail(attr(u, 'email')!) === email);
    if (matches.length === 0) return null;
    const items: SourceUser[] = [];
    for (const u of matches) {
      const groups = await cognito.call((c) => c.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: u.Username, Limit: PAGE_SIZE })));
      items.push({ record: u, groups: (groups.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])), position: `${userPoolId} jit` });
    }
    const source: ImportSource = {
      name: `cognito-jit:${userPoolId}`, userPoolId, fingerprint: '',
      async *batches() {
        yield items;
      },
    };
    await importUsers({ stores, clock }, source, { tenant, trackRun: false });
    const user = await stores.users.findByEmail(tenant, email);
    // A conflict (e.g. the address is taken by an unverified account) imports nobody: the caller sees null.
    if (!user) return null;
    const linked = await stores.users.legacyLinks(user.id);
    return linked.some((l) => l.userPoolId === userPoolId && matches.some((m) => attr(m, 'sub') === l.sub)) ? user : null;
  };
}

const attr = (u: UserType, name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;

/** Pool ids are "<region>_<id>": the pool's region, so one env var is enough. */
export function regionOf(userPoolId: string): string | undefined {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d)_/.exec(userPoolId);
  return m?.[1];
}
