// Admin: the signing keys as an operator sees them (kid and dates, never key material), and which one signs now.
import type { Deps } from '../shared/deps.ts';
import { activeKey } from './keyring.ts';

export interface SigningKeyInfo {
  kid: string;
  createdAt: string;
  activateAt: string;
  state: 'signing' | 'next' | 'retired';
}

export async function listSigningKeys(deps: Pick<Deps, 'stores' | 'clock'>): Promise<SigningKeyInfo[]> {
  const now = deps.clock.now();
  const keys = await deps.stores.signingKeys.all();
  const signing = activeKey(keys, now)?.kid;
  return keys.map((k) => ({
    kid: k.kid, createdAt: new Date(k.createdAt).toISOString(), activateAt: new Date(k.activateAt).toISOString(),
    state: k.kid === signing ? 'signing' : k.activateAt > now ? 'next' : 'retired',
  }));
}
