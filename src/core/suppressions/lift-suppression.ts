// Lifts a suppression (an admin's choice, SPEC §13): invitations may go to the address again; the lift is audited.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { normalizeEmail } from '../shared/email.ts';
import type { Suppression } from '../ports/suppressions.ts';

export async function liftSuppression(deps: Deps, email: string): Promise<Suppression> {
  const lifted = await deps.stores.suppressions.lift(normalizeEmail(email));
  if (!lifted) throw new AuthError('not_found', 'email: not suppressed');
  await deps.stores.audit.record({ type: 'mail.suppression_lifted', detail: { email: lifted.email, reason: lifted.reason } }, deps.clock.now());
  return lifted;
}
