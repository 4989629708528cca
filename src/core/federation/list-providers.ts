// The providers of a tenant: for admin (JSON without secrets) and for the sign-in page's buttons.
import type { Deps } from '../shared/deps.ts';
import { requireClient } from '../clients/clients.ts';
import { providerJson } from './provider-json.ts';

const DEFAULT_LABELS: Record<string, string> = { google: 'Google', apple: 'Apple', microsoft: 'Microsoft' };

export async function listProviders(deps: Deps, tenant?: string) {
  return (await deps.stores.providers.list(tenant)).map((p) => providerJson(p, deps.config.issuer));
}

/** One button per provider of the client's tenant. */
export async function providerButtons(deps: Deps, clientId: string): Promise<{ name: string; label: string }[]> {
  const client = await requireClient(deps, clientId);
  return (await deps.stores.providers.list(client.tenant)).map((p) => ({ name: p.name, label: p.settings.label ?? DEFAULT_LABELS[p.type] ?? p.name }));
}
