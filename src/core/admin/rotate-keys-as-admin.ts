// Admin: key rotation from the console, audited with who asked and from where.
import type { Deps } from '../shared/deps.ts';
import { rotateSigningKey, type RotationResult } from '../keys/rotate-signing-key.ts';
import { auditAdmin, type AdminActor } from './admin-actor.ts';

export async function rotateKeysAsAdmin(deps: Pick<Deps, 'stores' | 'clock' | 'keyring' | 'config'>, by: AdminActor, immediately: boolean): Promise<RotationResult> {
  const result = await rotateSigningKey(deps, { immediately });
  await auditAdmin(deps, by, { type: 'keys.rotated', detail: { kid: result.kid, activateAt: result.activateAt, immediately } }, deps.clock.now());
  return result;
}
