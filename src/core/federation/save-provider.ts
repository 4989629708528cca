// Registers or replaces a tenant's upstream identity provider; its secret is sealed, and kept when a replacement omits it.
import type { Deps } from '../shared/deps.ts';
import type { Provider, ProviderSettings } from '../ports/federation.ts';
import { DEFAULT_TENANT } from '../clients/clients.ts';
import { sealSecret, secretContext } from './secret-box.ts';
import type { ProviderRequest } from './provider-request.ts';

export async function saveProvider(deps: Deps, req: ProviderRequest): Promise<{ provider: Provider; outcome: 'created' | 'updated' }> {
  const tenant = req.tenant ?? DEFAULT_TENANT;
  const now = deps.clock.now();
  const existing = await deps.stores.providers.find(tenant, req.name);
  const settings: ProviderSettings = {
    label: req.label, clientId: req.clientId, issuer: req.issuer, scopes: req.scopes, microsoftTenant: req.microsoftTenant,
    allowedTenants: req.allowedTenants, appleTeamId: req.appleTeamId, appleKeyId: req.appleKeyId,
    samlMetadata: req.samlMetadata, samlEntryPoint: req.samlEntryPoint, samlCertificates: req.samlCertificates, samlIdpIssuer: req.samlIdpIssuer,
    attributeMapping: req.attributeMapping, identifiers: req.identifiers,
    // Google and Microsoft verify the addresses they assert (SPEC §10's default); others only when told.
    vouchesForEmail: req.vouchesForEmail ?? (req.type === 'google' || req.type === 'microsoft'),
  };
  for (const k of Object.keys(settings) as (keyof ProviderSettings)[]) if (settings[k] === undefined) delete settings[k];
  const secret = req.type === 'apple' ? req.applePrivateKey : req.clientSecret;
  const secretSealed = secret !== undefined ? await sealSecret(deps.secret, secret, secretContext(tenant, req.name))
    : existing && existing.type === req.type ? existing.secretSealed : null;
  const provider: Provider = { tenant, name: req.name, type: req.type, settings, secretSealed, createdAt: existing?.createdAt ?? now, updatedAt: now };
  await deps.stores.providers.upsert(provider);
  await deps.stores.audit.record({ type: existing ? 'provider.updated' : 'provider.created', tenant, detail: { name: req.name, type: req.type } }, now);
  return { provider, outcome: existing ? 'updated' : 'created' };
}
