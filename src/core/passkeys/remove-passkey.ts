// Removes one of the signed-in person's passkeys; the email sign-in paths always remain.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';

export async function removePasskey(deps: Pick<Deps, 'stores' | 'clock'>, input: { userId: string; passkeyId: string; ip?: string }): Promise<void> {
  if (!(await deps.stores.passkeys.remove(input.userId, input.passkeyId))) throw new AuthError('not_found', 'no such passkey');
  await deps.stores.audit.record({ type: 'passkey.removed', userId: input.userId, ip: input.ip ?? null, detail: { passkeyId: input.passkeyId } }, deps.clock.now());
}
