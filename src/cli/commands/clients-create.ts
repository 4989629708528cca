// `cutover clients create --name N --redirect-uri U [--tenant T] [--audience A]`: register an app.
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { createClient } from '../../core/clients/clients.ts';
import { newClientSchema } from '../../core/clients/new-client-request.ts';

export const clientsCreate: Command = {
  name: 'clients create',
  summary: 'register an app (OAuth client)',
  usage: 'cutover clients create --name NAME --redirect-uri URI [--redirect-uri URI ...] [--tenant T] [--audience A] [--json]',
  options: { name: { type: 'string' }, 'redirect-uri': { type: 'string', multiple: true }, tenant: { type: 'string' }, audience: { type: 'string' } },
  async run(ctx) {
    const parsed = newClientSchema.safeParse({
      name: ctx.values.name,
      redirectUris: ctx.values['redirect-uri'] ?? [],
      tenant: ctx.values.tenant,
      audience: ctx.values.audience,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const flag = { name: '--name', redirectUris: '--redirect-uri', tenant: '--tenant', audience: '--audience' }[String(issue.path[0])] ?? String(issue.path[0]);
      throw new UsageError(`${flag}: ${issue.message.replace(/^Invalid input: /, '')}`);
    }
    const client = await createClient(await ctx.deps(), parsed.data);
    const result = { clientId: client.id, name: client.name, tenant: client.tenant, redirectUris: client.redirectUris, audience: client.audience ?? client.id };
    return { result, text: `client ${client.id} (${client.name}) in tenant ${client.tenant}` };
  },
};
