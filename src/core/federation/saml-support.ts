// SAML runs only where the runtime supplies a service provider (Node); elsewhere a clear refusal.
import type { Deps } from '../shared/deps.ts';
import type { SamlServiceProvider } from '../ports/saml.ts';
import { AuthError } from '../shared/errors.ts';

export function requireSaml(deps: Deps): SamlServiceProvider {
  if (!deps.saml) throw new AuthError('unavailable', 'SAML providers work on the Node runtime only (this instance runs without XML signature support, e.g. on Workers)');
  return deps.saml;
}
