// `cutover clients list [--tenant T]`: the registered apps.
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { listClients } from '../../core/clients/list-clients.ts';
import { fields } from '../../core/shared/input.ts';

export const clientsList: Command = {
  name: 'clients list',
  summary: 'list the registered apps (OAuth clients)',
  usage: 'cutover clients list [--tenant T] [--json]',
  options: { tenant: { type: 'string' } },
  async run(ctx) {
    const tenant = ctx.values.tenant;
    if (tenant !== undefined && !fields.tenant.safeParse(tenant).success) throw new UsageError('--tenant: must be 1-64 letters, digits, _ or -');
    const clients = await listClients(await ctx.deps(), tenant as string | undefined);
    return { result: { clients }, text: clients.map((c) => `${c.clientId}  ${c.tenant}  ${c.name}  ${c.redirectUris.join(' ')}`).join('\n') || 'no clients' };
  },
};
