// Rotating a confidential client's secret: the new one works at once, the old one for an overlap so apps can roll.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { hashClientSecret, newClientSecret } from './client-secret.ts';
import { auditAdmin, type AdminActor } from '../admin/admin-actor.ts';

/** A day by default: long enough to redeploy every instance of an app with the new secret. */
export const DEFAULT_SECRET_OVERLAP_SECONDS = 24 * 3600;

export async function rotateClientSecret(
  deps: Pick<Deps, 'stores' | 'clock'>,
  by: AdminActor,
  input: { clientId: string; overlapSeconds?: number },
): Promise<{ clientId: string; clientSecret: string; previousSecretExpiresAt: number | null }> {
  // An admin naming a client that does not exist asks for a missing resource (404), not a bad sign-in request.
  const client = await deps.stores.clients.findById(input.clientId);
  if (!client) throw new AuthError('not_found', `clientId: no client "${input.clientId}"`);
  if (!client.confidential) throw new AuthError('invalid_request', 'clientId: a public client has no secret to rotate');
  const secret = newClientSecret();
  const now = deps.clock.now();
  const overlap = input.overlapSeconds ?? DEFAULT_SECRET_OVERLAP_SECONDS;
  const previousExpiresAt = client.secretHash && overlap > 0 ? now + overlap * 1000 : null;
  await deps.stores.clients.rotateSecret(client.id, await hashClientSecret(secret), previousExpiresAt ? client.secretHash : null, previousExpiresAt);
  await auditAdmin(deps, by, { type: 'client.secret_rotated', tenant: client.tenant, clientId: client.id, detail: { overlapSeconds: overlap } }, now);
  return { clientId: client.id, clientSecret: secret, previousSecretExpiresAt: previousExpiresAt };
}
