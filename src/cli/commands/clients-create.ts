// `cutover clients create --name N --redirect-uri U [--confidential] ...`: register an app (OAuth client).
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { createClient } from '../../core/clients/create-client.ts';
import { clientJson } from '../../core/clients/client-json.ts';
import { newClientSchema } from '../../core/clients/new-client-request.ts';

const FLAGS: Record<string, string> = {
  name: '--name', redirectUris: '--redirect-uri', tenant: '--tenant', audience: '--audience', confidential: '--confidential',
  grantTypes: '--grant-type', scopes: '--scope', logoutUris: '--logout-uri', readAttributes: '--read-attribute',
  accessTokenTtl: '--access-token-ttl', idTokenTtl: '--id-token-ttl', refreshTokenTtl: '--refresh-token-ttl',
  allowCognitoSessionSwap: '--allow-cognito-session-swap',
};

const num = (v: unknown) => (typeof v === 'string' ? Number(v) : undefined);

export const clientsCreate: Command = {
  name: 'clients create',
  summary: 'register an app (OAuth client): public with PKCE, or --confidential with a secret shown once',
  usage: 'cutover clients create --name NAME --redirect-uri URI [--redirect-uri URI ...] [--confidential] [--grant-type G ...] [--scope S ...] [--logout-uri URI ...] [--read-attribute custom:x ...] [--access-token-ttl SECONDS] [--id-token-ttl SECONDS] [--refresh-token-ttl SECONDS] [--allow-cognito-session-swap] [--tenant T] [--audience A] [--json]',
  options: {
    name: { type: 'string' }, 'redirect-uri': { type: 'string', multiple: true }, tenant: { type: 'string' }, audience: { type: 'string' },
    confidential: { type: 'boolean' }, 'grant-type': { type: 'string', multiple: true }, scope: { type: 'string', multiple: true },
    'logout-uri': { type: 'string', multiple: true }, 'read-attribute': { type: 'string', multiple: true },
    'access-token-ttl': { type: 'string' }, 'id-token-ttl': { type: 'string' }, 'refresh-token-ttl': { type: 'string' },
    'allow-cognito-session-swap': { type: 'boolean' },
  },
  async run(ctx) {
    // The flags a newcomer forgets get a sentence, not a schema message.
    if (typeof ctx.values.name !== 'string' || !ctx.values.name.trim()) throw new UsageError('--name is required: the app\'s name, shown on the sign-in page');
    // A machine client (client_credentials only) signs nobody in, so it has no redirect URI.
    const grants = (ctx.values['grant-type'] as string[] | undefined) ?? [];
    const signsPeopleIn = grants.length === 0 || grants.includes('authorization_code');
    if (signsPeopleIn && !(ctx.values['redirect-uri'] as string[] | undefined)?.length) {
      throw new UsageError('--redirect-uri is required: where your app receives the sign-in code, e.g. https://app.example.com/callback (repeat it for several)');
    }
    const v = ctx.values;
    const parsed = newClientSchema.safeParse({
      name: v.name, redirectUris: v['redirect-uri'] ?? [], tenant: v.tenant, audience: v.audience, confidential: v.confidential,
      grantTypes: v['grant-type'], scopes: v.scope, logoutUris: v['logout-uri'], readAttributes: v['read-attribute'],
      accessTokenTtl: num(v['access-token-ttl']), idTokenTtl: num(v['id-token-ttl']), refreshTokenTtl: num(v['refresh-token-ttl']),
      allowCognitoSessionSwap: v['allow-cognito-session-swap'] as boolean | undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const flag = FLAGS[String(issue.path[0])] ?? String(issue.path[0]);
      throw new UsageError(`${flag}: ${issue.message.replace(/^Invalid input: /, '')}`);
    }
    const created = await createClient(await ctx.deps(), parsed.data);
    const result = { ...clientJson(created), ...(created.clientSecret ? { clientSecret: created.clientSecret } : {}) };
    const secretLine = created.clientSecret ? `\nclient secret (shown once, store it now): ${created.clientSecret}` : '';
    return { result, text: `client ${created.id} (${created.name}) in tenant ${created.tenant}${secretLine}` };
  },
};
