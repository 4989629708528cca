// Admin: the registered apps, for the CLI and the console (no secrets: public clients only here).
import type { Deps } from '../shared/deps.ts';

export interface ClientJson {
  clientId: string;
  tenant: string;
  name: string;
  redirectUris: string[];
  audience: string;
  /** has a secret (client_secret_basic/post), which the console can rotate */
  confidential: boolean;
  createdAt: string;
}

export async function listClients(deps: Pick<Deps, 'stores'>, tenant?: string): Promise<ClientJson[]> {
  return (await deps.stores.clients.list(tenant)).map((c) => ({
    clientId: c.id, tenant: c.tenant, name: c.name, redirectUris: c.redirectUris, audience: c.audience ?? c.id, confidential: c.confidential, createdAt: new Date(c.createdAt).toISOString(),
  }));
}
