// `cutover clients list [--tenant T]`: every registered app with its settings (never a secret).
import type { Command } from '../command.ts';
import { clientJson } from '../../core/clients/client-json.ts';

export const clientsList: Command = {
  name: 'clients list',
  summary: 'list registered apps (OAuth clients)',
  usage: 'cutover clients list [--tenant T] [--json]',
  options: { tenant: { type: 'string' } },
  async run(ctx) {
    const tenant = typeof ctx.values.tenant === 'string' ? ctx.values.tenant : undefined;
    const clients = (await (await ctx.deps()).stores.clients.list(tenant)).map(clientJson);
    const text = clients.map((c) => `${c.clientId}  ${c.tenant}  ${c.confidential ? 'confidential' : 'public'}  ${c.name}  ${c.grantTypes.join(',')}`).join('\n');
    return { result: { clients }, text: text || 'no clients' };
  },
};
