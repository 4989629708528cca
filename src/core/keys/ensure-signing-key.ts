// First start: make sure a signing key exists (several instances starting at once agree on one).
import type { Deps } from '../shared/deps.ts';
import { generateSigningKey } from './keyring.ts';

export async function ensureSigningKey(deps: Pick<Deps, 'stores' | 'clock' | 'keyring'>): Promise<void> {
  if ((await deps.stores.signingKeys.all()).length > 0) return;
  const now = deps.clock.now();
  await deps.stores.signingKeys.insertFirst(await generateSigningKey(now, now));
  deps.keyring.invalidate();
}
