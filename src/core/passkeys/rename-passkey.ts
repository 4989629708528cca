// Renames one of the signed-in person's passkeys.
import type { Deps } from '../shared/deps.ts';
import { AuthError, InvalidRequestError } from '../shared/errors.ts';
import { cleanPasskeyName } from './passkey-names.ts';

export async function renamePasskey(deps: Pick<Deps, 'stores'>, input: { userId: string; passkeyId: string; name: string }): Promise<void> {
  const name = cleanPasskeyName(input.name);
  if (!name) throw new InvalidRequestError('name: must not be empty', 'name');
  // Scoped by user: someone else's passkey id is simply "not found".
  if (!(await deps.stores.passkeys.rename(input.userId, input.passkeyId, name))) throw new AuthError('not_found', 'no such passkey');
}
