// Just-in-time import's Cognito side: the pool's ListUsers and AdminListGroupsForUser calls; the decisions are the core's.
import { AdminListGroupsForUserCommand, ListUsersCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { Config } from '../core/shared/config.ts';
import type { Stores } from '../core/ports/index.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { User } from '../core/ports/users.ts';
import type { LegacyPool } from '../core/ports/legacy-pool.ts';
import { importJustInTime } from '../core/import/import-just-in-time.ts';
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

/** The configured pool as the core's LegacyPool port. */
export function createCognitoLegacyPool(config: Config, caller?: CognitoCaller): LegacyPool {
  const userPoolId = config.cognitoUserPoolId;
  if (!userPoolId) throw new TypeError('createJitImporter: "cognitoUserPoolId" (CUTOVER_COGNITO_USER_POOL_ID) is not set');
  const cognito = caller ?? createCognitoCaller(config, { region: regionOf(userPoolId) ?? config.aws.region, maxRetries: 3 });
  return {
    userPoolId,
    async usersByEmail(email) {
      const res = await cognito.call((c) => c.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: emailFilter(email), Limit: PAGE_SIZE })));
      return res.Users ?? [];
    },
    async groupsOf(user) {
      const Username = (user as UserType).Username;
      const res = await cognito.call((c) => c.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username, Limit: PAGE_SIZE })));
      return (res.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : []));
    },
  };
}

export function createJitImporter(config: Config, stores: Stores, clock: Clock, caller?: CognitoCaller): JitImporter {
  const pool = createCognitoLegacyPool(config, caller);
  return (tenant, emailNormalized) => importJustInTime({ stores, clock }, pool, tenant, emailNormalized);
}

/** Pool ids are "<region>_<id>": the pool's region, so one env var is enough. */
export function regionOf(userPoolId: string): string | undefined {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d)_/.exec(userPoolId);
  return m?.[1];
}
