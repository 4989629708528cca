// Removes a tenant's provider; people's links to it stay (they come back to life if the provider is registered again).
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';

export async function removeProvider(deps: Deps, tenant: string, name: string): Promise<void> {
  if (!(await deps.stores.providers.remove(tenant, name))) throw new AuthError('not_found', `no provider "${name}" in tenant "${tenant}"`);
  await deps.stores.audit.record({ type: 'provider.removed', tenant, detail: { name } }, deps.clock.now());
}
