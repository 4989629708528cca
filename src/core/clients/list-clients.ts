// Admin: the registered apps, for the CLI and the console (never a secret, only whether the client has one).
import type { Deps } from '../shared/deps.ts';

export interface ClientJson {
  clientId: string;
  tenant: string;
  name: string;
  redirectUris: string[];
  audience: string;
  /** has a client secret (rotated from the console or `clients rotate-secret`) */
  confidential: boolean;
  createdAt: string;
}

export async function listClients(deps: Pick<Deps, 'stores'>, tenant?: string): Promise<ClientJson[]> {
  return (await deps.stores.clients.list(tenant)).map((c) => ({
    clientId: c.id, tenant: c.tenant, name: c.name, redirectUris: c.redirectUris, audience: c.audience ?? c.id, confidential: c.confidential, createdAt: new Date(c.createdAt).toISOString(),
  }));
}
