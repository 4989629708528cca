// `cutover providers create|list|remove`: a tenant's upstream identity providers (SPEC §10). Secrets go in from files
// (or a flag), never come back out.
import { readFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { UsageError, requireString } from '../command.ts';
import { providerSchema, providerName } from '../../core/federation/provider-request.ts';
import { saveProvider } from '../../core/federation/save-provider.ts';
import { removeProvider } from '../../core/federation/remove-provider.ts';
import { listProviders } from '../../core/federation/list-providers.ts';
import { providerJson } from '../../core/federation/provider-json.ts';
import { DEFAULT_TENANT } from '../../core/clients/clients.ts';
import { fields } from '../../core/shared/input.ts';

const FLAGS: Record<string, string> = {
  name: '--name', type: '--type', tenant: '--tenant', label: '--label', clientId: '--client-id', clientSecret: '--client-secret',
  issuer: '--issuer', scopes: '--scope', microsoftTenant: '--microsoft-tenant', allowedTenants: '--allowed-tenant',
  appleTeamId: '--apple-team-id', appleKeyId: '--apple-key-id', applePrivateKey: '--apple-private-key-file',
  samlMetadata: '--saml-metadata-file', samlEntryPoint: '--saml-entry-point', samlCertificates: '--saml-certificate-file',
  samlIdpIssuer: '--saml-idp-issuer', attributeMapping: '--attribute', vouchesForEmail: '--vouches-for-email',
};

const readText = async (path: unknown, flag: string) => {
  if (typeof path !== 'string') return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${flag}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
};

export const providersCreate: Command = {
  name: 'providers create',
  summary: 'register (or replace) an upstream identity provider: google, apple, microsoft, oidc or saml',
  usage: 'cutover providers create --name NAME --type google|apple|microsoft|oidc|saml [--client-id ID] [--client-secret-file PATH | --client-secret S] '
    + '[--issuer URL] [--scope S ...] [--microsoft-tenant T] [--allowed-tenant GUID ...] [--apple-team-id T --apple-key-id K --apple-private-key-file P8] '
    + '[--saml-metadata-file XML | --saml-entry-point URL --saml-certificate-file PEM ...] [--saml-idp-issuer ID] [--attribute field=claim ...] '
    + '[--vouches-for-email true|false] [--label TEXT] [--tenant T] [--json]',
  options: {
    name: { type: 'string' }, type: { type: 'string' }, tenant: { type: 'string' }, label: { type: 'string' },
    'client-id': { type: 'string' }, 'client-secret': { type: 'string' }, 'client-secret-file': { type: 'string' },
    issuer: { type: 'string' }, scope: { type: 'string', multiple: true }, 'microsoft-tenant': { type: 'string' },
    'allowed-tenant': { type: 'string', multiple: true }, 'apple-team-id': { type: 'string' }, 'apple-key-id': { type: 'string' },
    'apple-private-key-file': { type: 'string' }, 'saml-metadata-file': { type: 'string' }, 'saml-entry-point': { type: 'string' },
    'saml-certificate-file': { type: 'string', multiple: true }, 'saml-idp-issuer': { type: 'string' },
    attribute: { type: 'string', multiple: true }, 'vouches-for-email': { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    requireString(v, 'name');
    requireString(v, 'type');
    const attributeMapping: Record<string, string> = {};
    for (const pair of (v.attribute as string[] | undefined) ?? []) {
      const [field, claim] = pair.split('=');
      if (!field || !claim) throw new UsageError(`--attribute: must be field=claim (got "${pair}")`);
      attributeMapping[field] = claim;
    }
    const vouches = v['vouches-for-email'];
    if (vouches !== undefined && vouches !== 'true' && vouches !== 'false') throw new UsageError('--vouches-for-email: must be true or false');
    const certs = await Promise.all(((v['saml-certificate-file'] as string[] | undefined) ?? []).map((p) => readText(p, '--saml-certificate-file')));
    const parsed = providerSchema.safeParse({
      name: v.name, type: v.type, tenant: v.tenant, label: v.label, clientId: v['client-id'],
      clientSecret: (await readText(v['client-secret-file'], '--client-secret-file'))?.trim() ?? v['client-secret'],
      issuer: v.issuer, scopes: v.scope, microsoftTenant: v['microsoft-tenant'], allowedTenants: v['allowed-tenant'],
      appleTeamId: v['apple-team-id'], appleKeyId: v['apple-key-id'], applePrivateKey: await readText(v['apple-private-key-file'], '--apple-private-key-file'),
      samlMetadata: await readText(v['saml-metadata-file'], '--saml-metadata-file'), samlEntryPoint: v['saml-entry-point'],
      samlCertificates: certs.length ? certs : undefined, samlIdpIssuer: v['saml-idp-issuer'],
      attributeMapping: Object.keys(attributeMapping).length ? attributeMapping : undefined,
      vouchesForEmail: vouches === undefined ? undefined : vouches === 'true',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const flag = FLAGS[String(issue.path[0])] ?? String(issue.path[0]);
      throw new UsageError(`${flag}: ${issue.message.replace(/^Invalid input: /, '')}`);
    }
    const deps = await ctx.deps();
    const { provider, outcome } = await saveProvider(deps, parsed.data);
    const json = providerJson(provider, deps.config.issuer);
    return { result: { ...json, outcome }, text: `provider ${provider.name} (${provider.type}) ${outcome} in tenant ${provider.tenant}\nadd this callback URL upstream: ${json.callbackUrl}` };
  },
};

export const providersList: Command = {
  name: 'providers list',
  summary: 'list the upstream identity providers (never their secrets)',
  usage: 'cutover providers list [--tenant T] [--json]',
  options: { tenant: { type: 'string' } },
  async run(ctx) {
    const tenant = ctx.values.tenant;
    if (tenant !== undefined && !fields.tenant.safeParse(tenant).success) throw new UsageError('--tenant: must be 1-64 letters, digits, _ or -');
    const providers = await listProviders(await ctx.deps(), tenant as string | undefined);
    return { result: { providers }, text: providers.map((p) => `${p.name}  ${p.type}  ${p.tenant}  ${p.clientId ?? ''}`).join('\n') || 'no providers' };
  },
};

export const providersRemove: Command = {
  name: 'providers remove',
  summary: 'remove an upstream identity provider (people\'s links stay, and work again if it is registered again)',
  usage: 'cutover providers remove NAME [--tenant T] [--json]',
  options: { tenant: { type: 'string' } },
  allowPositionals: true,
  async run(ctx) {
    const name = ctx.positionals[0];
    if (!name || !providerName.safeParse(name).success) throw new UsageError('NAME: the provider\'s name is required (1-32 letters, digits, _, . or -)');
    const tenant = (ctx.values.tenant as string | undefined) ?? DEFAULT_TENANT;
    await removeProvider(await ctx.deps(), tenant, name);
    return { result: { removed: name, tenant }, text: `provider ${name} removed from tenant ${tenant}` };
  },
};
