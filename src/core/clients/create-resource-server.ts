// Registering a Cognito-style resource server: an API identifier whose custom scopes clients ask for as `identifier/name`.
import type { Deps } from '../shared/deps.ts';
import type { ResourceServer, UpsertOutcome } from '../ports/clients.ts';
import { DEFAULT_TENANT } from './clients.ts';

export async function saveResourceServer(
  deps: Pick<Deps, 'stores' | 'clock'>,
  input: Omit<ResourceServer, 'tenant'> & { tenant?: string },
): Promise<{ server: ResourceServer; outcome: UpsertOutcome }> {
  const server: ResourceServer = { tenant: input.tenant ?? DEFAULT_TENANT, identifier: input.identifier, name: input.name, scopes: input.scopes };
  const outcome = await deps.stores.resourceServers.upsert(server, deps.clock.now());
  return { server, outcome };
}

/** The `identifier/name` scopes a resource server defines. */
export const customScopesOf = (server: ResourceServer): string[] => server.scopes.map((s) => `${server.identifier}/${s.name}`);
