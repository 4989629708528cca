// Key rotation: publish the next key now, let it sign only after API Gateway's JWKS cache has expired.
import type { Deps } from '../shared/deps.ts';
import { generateSigningKey, publishedKeys } from './keyring.ts';

/** Cognito's longest access and ID token lifetime (one day). */
const PRUNE_AFTER_S = 86_400;

export interface RotationResult {
  kid: string;
  activateAt: number;
  /** kids removed because no live token can carry them any more */
  pruned: string[];
}

export async function rotateSigningKey(
  deps: Pick<Deps, 'stores' | 'clock' | 'keyring' | 'config'>,
  options: { immediately?: boolean } = {},
): Promise<RotationResult> {
  const now = deps.clock.now();
  const delayMs = options.immediately ? 0 : deps.config.keyRotationDelay * 1000;
  const key = await generateSigningKey(now + delayMs, now);
  await deps.stores.signingKeys.insert(key);

  // Rotation often runs in the CLI, whose environment need not carry the servers' token lifetimes: it deletes only
  // keys that no token can need under any lifetime up to Cognito's longest (one day); each server's JWKS still drops
  // a key as soon as its own lifetimes allow.
  const maxTtlMs = Math.max(deps.config.accessTokenTtl, deps.config.idTokenTtl, PRUNE_AFTER_S) * 1000;
  const all = (await deps.stores.signingKeys.all()).sort((a, b) => a.activateAt - b.activateAt);
  const keep = new Set(publishedKeys(all, now, maxTtlMs).map((k) => k.kid));
  const pruned = all.filter((k) => !keep.has(k.kid)).map((k) => k.kid);
  if (pruned.length) await deps.stores.signingKeys.deleteMany(pruned);
  deps.keyring.invalidate();
  return { kid: key.kid, activateAt: key.activateAt, pruned };
}
