// Rotating a confidential client's secret: the new one works at once, the old one for an overlap so apps can roll.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { hashClientSecret, newClientSecret } from './client-secret.ts';
import { requireClient } from './clients.ts';
import type { AdminActor } from '../admin/admin-actor.ts';

/** A day by default: long enough to redeploy every instance of an app with the new secret. */
export const DEFAULT_SECRET_OVERLAP_SECONDS = 24 * 3600;

export async function rotateClientSecret(
  deps: Pick<Deps, 'stores' | 'clock'>,
  input: { clientId: string; overlapSeconds?: number },
  /** who asked (an admin key, a console person), for the audit's who and from where */
  by?: AdminActor,
): Promise<{ clientId: string; clientSecret: string; previousSecretExpiresAt: number | null }> {
  const client = await requireClient(deps, input.clientId);
  if (!client.confidential) throw new AuthError('invalid_request', 'clientId: a public client has no secret to rotate');
  const secret = newClientSecret();
  const now = deps.clock.now();
  const overlap = input.overlapSeconds ?? DEFAULT_SECRET_OVERLAP_SECONDS;
  const previousExpiresAt = client.secretHash && overlap > 0 ? now + overlap * 1000 : null;
  await deps.stores.clients.rotateSecret(client.id, await hashClientSecret(secret), previousExpiresAt ? client.secretHash : null, previousExpiresAt);
  await deps.stores.audit.record({ type: 'client.secret_rotated', tenant: client.tenant, clientId: client.id, actor: by?.actor ?? null, ip: by?.ip ?? null }, now);
  return { clientId: client.id, clientSecret: secret, previousSecretExpiresAt: previousExpiresAt };
}
