// `import providers`: a Cognito pool's identity providers (DescribeIdentityProvider's shape) become this tenant's
// providers under the same names, so imported `identities` keep matching and the upstream registrations stay.
import type { Deps } from '../shared/deps.ts';
import { parseInput } from '../shared/input.ts';
import { AuthError } from '../shared/errors.ts';
import { DEFAULT_TENANT } from '../clients/clients.ts';
import { providerSchema, type ProviderRequest } from './provider-request.ts';
import { saveProvider } from './save-provider.ts';
import { callbackUrl } from './provider-json.ts';

/** Cognito's IdentityProviderType, as DescribeIdentityProvider answers it. */
export interface CognitoIdentityProvider {
  ProviderName?: string;
  ProviderType?: string;
  ProviderDetails?: Record<string, string>;
  AttributeMapping?: Record<string, string>;
  IdpIdentifiers?: string[];
}

export interface ProviderImportReport {
  created: number;
  updated: number;
  skipped: { name: string; reason: string }[];
  providers: { name: string; type: string; outcome: 'created' | 'updated' | 'would create' }[];
  /** what each upstream must add: the redirect URI (OpenID) or ACS URL (SAML), and the SAML audience */
  callbackUrl: string;
  samlAudience: string;
}

type Mapped = { ok: true; request: ProviderRequest } | { ok: false; reason: string };

const scopesOf = (d: Record<string, string>) => d.authorize_scopes?.split(/[\s,]+/).filter(Boolean);

// Cognito maps `username` to the upstream subject itself; here the subject is always `sub` (or the NameID).
const mappingOf = (m: Record<string, string> | undefined) => {
  const out = Object.fromEntries(Object.entries(m ?? {}).filter(([k]) => k !== 'username'));
  return Object.keys(out).length ? out : undefined;
};

export function mapCognitoProvider(p: CognitoIdentityProvider, tenant: string): Mapped {
  const d = p.ProviderDetails ?? {};
  const base = { name: p.ProviderName, tenant, attributeMapping: mappingOf(p.AttributeMapping), identifiers: p.IdpIdentifiers?.length ? p.IdpIdentifiers : undefined };
  const needSecret = (field: string) => (d[field] ? null : `DescribeIdentityProvider returned no ${field}: register it with \`cutover providers create\``);
  let request: unknown;
  switch (p.ProviderType) {
    case 'Google':
      if (needSecret('client_secret')) return { ok: false, reason: needSecret('client_secret')! };
      request = { ...base, type: 'google', clientId: d.client_id, clientSecret: d.client_secret, scopes: scopesOf(d) };
      break;
    case 'SignInWithApple':
      if (needSecret('private_key')) return { ok: false, reason: needSecret('private_key')! };
      request = { ...base, type: 'apple', clientId: d.client_id, appleTeamId: d.team_id, appleKeyId: d.key_id, applePrivateKey: d.private_key, scopes: scopesOf(d) };
      break;
    case 'OIDC': {
      if (needSecret('client_secret')) return { ok: false, reason: needSecret('client_secret')! };
      const issuer = d.oidc_issuer;
      // Entra registered as a plain OIDC provider in Cognito: the microsoft type (its email rules, its tenant)
      const entra = issuer ? /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0\/?$/.exec(issuer) : null;
      request = entra
        ? { ...base, type: 'microsoft', clientId: d.client_id, clientSecret: d.client_secret, microsoftTenant: entra[1], scopes: scopesOf(d) }
        : { ...base, type: 'oidc', clientId: d.client_id, clientSecret: d.client_secret, issuer, scopes: scopesOf(d) };
      break;
    }
    case 'SAML':
      if (!d.MetadataFile) return { ok: false, reason: 'no SAML metadata (MetadataFile, or MetadataURL that could be read)' };
      request = { ...base, type: 'saml', samlMetadata: d.MetadataFile };
      break;
    default:
      return { ok: false, reason: `provider type ${p.ProviderType ?? '(none)'} is not supported (google, apple, microsoft, oidc and saml are)` };
  }
  try {
    return { ok: true, request: parseInput(providerSchema, request) };
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, reason: e.message };
    throw e;
  }
}

export async function importProviders(deps: Deps, providers: CognitoIdentityProvider[], options: { tenant?: string; dryRun?: boolean }): Promise<ProviderImportReport> {
  const tenant = options.tenant ?? DEFAULT_TENANT;
  const report: ProviderImportReport = { created: 0, updated: 0, skipped: [], providers: [], callbackUrl: callbackUrl(deps.config.issuer), samlAudience: deps.config.issuer };
  for (const p of providers) {
    const mapped = mapCognitoProvider(p, tenant);
    if (!mapped.ok) {
      report.skipped.push({ name: p.ProviderName ?? '(unnamed)', reason: mapped.reason });
      continue;
    }
    if (options.dryRun) {
      report.providers.push({ name: mapped.request.name, type: mapped.request.type, outcome: 'would create' });
      continue;
    }
    const { outcome } = await saveProvider(deps, mapped.request);
    report[outcome] += 1;
    report.providers.push({ name: mapped.request.name, type: mapped.request.type, outcome });
  }
  return report;
}

export function providerImportText(r: ProviderImportReport): string {
  const lines = [`providers: ${r.created} created, ${r.updated} updated, ${r.skipped.length} skipped`];
  for (const p of r.providers) lines.push(`  ${p.name} (${p.type}): ${p.outcome}`);
  for (const s of r.skipped) lines.push(`  skipped ${s.name}: ${s.reason}`);
  lines.push('', 'Each upstream must add this redirect (callback) URL:', `  ${r.callbackUrl}`);
  if (r.providers.some((p) => p.type === 'saml')) lines.push('SAML IdPs: ACS URL as above, audience (SP entity id):', `  ${r.samlAudience}`);
  return lines.join('\n');
}
