// Admin API keys: shown once at creation, stored as SHA-256, looked up by hash.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { newId, randomToken, sha256 } from '../shared/crypto.ts';
import type { AdminKey } from '../ports/admin-keys.ts';

const PREFIX = 'cutover_admin_';

export async function createAdminKey(deps: Pick<Deps, 'stores' | 'clock'>, name: string): Promise<{ id: string; key: string }> {
  const id = newId('adk');
  // 32 random bytes: a bearer secret, unguessable; only its hash is stored.
  const key = PREFIX + randomToken();
  const now = deps.clock.now();
  await deps.stores.adminKeys.insert({ id, name, createdAt: now, keyHash: await sha256(key) });
  await deps.stores.audit.record({ type: 'admin_key.created', detail: { id, name } }, now);
  return { id, key };
}

export async function authenticateAdminKey(deps: Pick<Deps, 'stores' | 'clock'>, key: string): Promise<AdminKey> {
  // Lookup by the hash of the presented key: the comparison never touches the secret itself.
  const found = key.startsWith(PREFIX) ? await deps.stores.adminKeys.findLiveByHash(await sha256(key), deps.clock.now()) : null;
  if (!found) throw new AuthError('unauthorized', 'a valid admin key is required');
  return found;
}
