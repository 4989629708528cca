// Housekeeping: forgets SNS MessageIds older than any message still accepted (their Timestamp refuses them anyway).
import type { Deps } from '../shared/deps.ts';

/** A message is refused from maxAge after its Timestamp; its id is kept a little longer, for clock skew. */
const MARGIN_MS = 10 * 60_000;

export async function pruneSnsMessages(deps: Deps): Promise<number> {
  return deps.stores.mailEvents.pruneSnsMessages(deps.clock.now() - deps.config.sesEvents.maxAgeSeconds * 1000 - MARGIN_MS);
}
