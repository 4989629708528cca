// Housekeeping for federated sign-in: expired sign-ins under way, pending links nobody confirmed, spent SAML assertions.
import type { Deps } from '../shared/deps.ts';

/** Kept a day past expiry, so a late callback still reads as "expired or used" rather than unknown in support. */
const RETENTION_MS = 86_400_000;

export async function pruneFederation(deps: Pick<Deps, 'stores' | 'clock'>): Promise<number> {
  return deps.stores.federation.prune(deps.clock.now() - RETENTION_MS);
}
