// A person's passkeys, oldest first, for the account page and admin answers (no key material leaves).
import type { Deps } from '../shared/deps.ts';
import type { Passkey } from '../ports/passkeys.ts';

export type PasskeySummary = Omit<Passkey, 'publicKey' | 'userId' | 'counter'>;

export async function listPasskeys(deps: Pick<Deps, 'stores'>, userId: string): Promise<PasskeySummary[]> {
  const passkeys = await deps.stores.passkeys.listByUser(userId);
  return passkeys.map(({ publicKey: _k, userId: _u, counter: _c, ...rest }) => rest);
}
