// The request to register an upstream identity provider (admin API, `cutover providers create`, the Cognito import).
import { z } from 'zod';
import { fields } from '../shared/input.ts';

// Cognito's ProviderName: 1-32 characters, no spaces; the same names keep imported `identities` matching.
export const providerName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$/, 'must be 1-32 letters, digits, _, . or - (Cognito\'s provider name)');

const httpsOrLoopback = z.string().max(2048).url().refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || (url.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname));
}, 'must be an https URL (plain http only on this machine)');

export const providerSchema = z.object({
  name: providerName,
  type: z.enum(['google', 'apple', 'microsoft', 'oidc', 'saml']),
  tenant: fields.tenant.optional(),
  label: z.string().trim().min(1).max(64).optional(),
  clientId: z.string().min(1).max(256).optional(),
  clientSecret: z.string().min(1).max(4096).optional(),
  issuer: httpsOrLoopback.optional(),
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/, 'must be a scope token')).max(50).optional(),
  microsoftTenant: z.string().regex(/^[A-Za-z0-9.\-]{1,128}$/, 'must be an Entra tenant id or domain, or common / organizations / consumers').optional(),
  allowedTenants: z.array(z.string().uuid('must be an Entra tenant id (GUID)')).max(1000).optional(),
  appleTeamId: z.string().regex(/^[A-Z0-9]{10}$/, 'must be the 10-character Apple team id').optional(),
  appleKeyId: z.string().regex(/^[A-Z0-9]{10}$/, 'must be the 10-character Apple key id').optional(),
  applePrivateKey: z.string().includes('PRIVATE KEY', { message: 'must be the .p8 key in PEM' }).max(8192).optional(),
  samlMetadata: z.string().includes('EntityDescriptor', { message: 'must be SAML metadata XML' }).max(1_000_000).optional(),
  samlEntryPoint: httpsOrLoopback.optional(),
  samlCertificates: z.array(z.string().min(64).max(16_384)).max(10).optional(),
  samlIdpIssuer: z.string().min(1).max(1024).optional(),
  attributeMapping: z.record(z.string().min(1).max(128), z.string().min(1).max(256)).optional(),
  vouchesForEmail: z.boolean().optional(),
  // Cognito's IdpIdentifiers: 1-40 characters each, at most 50
  identifiers: z.array(z.string().regex(/^[\w\s+=.@-]{1,40}$/, 'must be 1-40 letters, digits or _ +=.@-')).max(50).optional(),
}).superRefine((p, ctx) => {
  const need = (field: keyof typeof p, why: string) => {
    if (p[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `Required: ${why}` });
  };
  if (p.type !== 'saml') need('clientId', `a ${p.type} provider needs the client id registered upstream`);
  if (p.type === 'oidc') need('issuer', 'an oidc provider is found by its issuer\'s discovery document');
  if (p.type === 'google' || p.type === 'microsoft' || p.type === 'oidc') need('clientSecret', 'the token endpoint needs the client secret');
  if (p.type === 'apple') {
    need('appleTeamId', 'Apple\'s client secret is a JWT signed for the team');
    need('appleKeyId', 'Apple\'s client secret is a JWT naming the key');
    need('applePrivateKey', 'Apple\'s client secret is a JWT signed with this key');
  }
  if (p.type === 'saml' && !p.samlMetadata && !(p.samlEntryPoint && p.samlCertificates?.length)) {
    ctx.addIssue({ code: 'custom', path: ['samlMetadata'], message: 'Required: the IdP metadata, or samlEntryPoint with samlCertificates' });
  }
});

export type ProviderRequest = z.output<typeof providerSchema>;
