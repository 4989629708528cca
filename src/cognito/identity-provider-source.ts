// Reads a pool's identity providers: ListIdentityProviders pages, then DescribeIdentityProvider for each (only it has
// the details: client ids and secrets, scopes, issuers, SAML metadata), through the throttled caller.
import { DescribeIdentityProviderCommand, ListIdentityProvidersCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityProvider } from '../core/federation/import-providers.ts';
import type { CognitoCaller } from './client.ts';

/** ListIdentityProviders takes MaxResults 1-60. */
export const PROVIDERS_PAGE = 60;

export async function readPoolProviders(caller: CognitoCaller, userPoolId: string, fetchMetadata = fetchSamlMetadata): Promise<CognitoIdentityProvider[]> {
  const names: string[] = [];
  let next: string | undefined;
  do {
    const page = await caller.call((c) => c.send(new ListIdentityProvidersCommand({ UserPoolId: userPoolId, MaxResults: PROVIDERS_PAGE, NextToken: next })));
    for (const p of page.Providers ?? []) if (p.ProviderName) names.push(p.ProviderName);
    next = page.NextToken;
  } while (next);
  const out: CognitoIdentityProvider[] = [];
  for (const name of names) {
    const { IdentityProvider: p } = await caller.call((c) => c.send(new DescribeIdentityProviderCommand({ UserPoolId: userPoolId, ProviderName: name })));
    if (!p) continue;
    const details = { ...(p.ProviderDetails ?? {}) };
    // A SAML provider configured by URL: its metadata is read now, so the provider works without Cognito.
    if (p.ProviderType === 'SAML' && !details.MetadataFile && details.MetadataURL) {
      const xml = await fetchMetadata(details.MetadataURL).catch(() => null);
      if (xml) details.MetadataFile = xml;
    }
    out.push({ ProviderName: p.ProviderName, ProviderType: p.ProviderType, ProviderDetails: details, AttributeMapping: p.AttributeMapping, IdpIdentifiers: p.IdpIdentifiers });
  }
  return out;
}

async function fetchSamlMetadata(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`metadata ${url}: HTTP ${res.status}`);
  return res.text();
}
