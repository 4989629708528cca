// Just-in-time import (SPEC §1): an email unknown at sign-in is looked up in the legacy pool and imported on the spot.
import type { Deps } from '../shared/deps.ts';
import type { LegacyPool } from '../ports/legacy-pool.ts';
import type { User } from '../ports/users.ts';
import type { CognitoUserRecord } from './import-mapping.ts';
import { importUsers, type ImportSource, type SourceUser } from './import-users.ts';
import { normalizeEmail } from '../shared/email.ts';

const attributeOf = (record: CognitoUserRecord, name: string): string | undefined => {
  const found = Array.isArray(record.Attributes) ? record.Attributes.find((a) => a?.Name === name) : undefined;
  return typeof found?.Value === 'string' ? found.Value : undefined;
};

/**
 * Imports the pool's user with exactly this address, through the same import as a whole pool's (mapping,
 * conflicts, merges), and returns the account only when it is linked to that pool user; otherwise null.
 */
export async function importJustInTime(
  deps: Pick<Deps, 'stores' | 'clock'>, pool: LegacyPool, tenant: string, emailNormalized: string,
): Promise<User | null> {
  const email = normalizeEmail(emailNormalized);
  // A pool's search may match loosely or by case; only this address is ever imported.
  const matches = (await pool.usersByEmail(email)).filter((u) => {
    const address = attributeOf(u, 'email');
    return address !== undefined && normalizeEmail(address) === email;
  });
  if (matches.length === 0) return null;
  const items: SourceUser[] = [];
  for (const record of matches) items.push({ record, groups: await pool.groupsOf(record), position: `${pool.userPoolId} jit` });
  const source: ImportSource = {
    name: `cognito-jit:${pool.userPoolId}`, userPoolId: pool.userPoolId, fingerprint: '',
    async *batches() {
      yield items;
    },
  };
  await importUsers(deps, source, { tenant, trackRun: false });
  const user = await deps.stores.users.findByEmail(tenant, email);
  // A conflict (e.g. the address is taken by an unverified account) imports nobody: the caller sees null.
  if (!user) return null;
  const linked = await deps.stores.users.legacyLinks(user.id);
  return linked.some((l) => l.userPoolId === pool.userPoolId && matches.some((m) => attributeOf(m, 'sub') === l.sub)) ? user : null;
}
