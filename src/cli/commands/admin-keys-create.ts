// `cutover admin-keys create --name N`: a new admin API key, shown once.
import type { Command } from '../command.ts';
import { requireString } from '../command.ts';
import { createAdminKey } from '../../core/admin/admin-keys.ts';

export const adminKeysCreate: Command = {
  name: 'admin-keys create',
  summary: 'create an admin API key (printed once, stored hashed)',
  usage: 'cutover admin-keys create --name NAME [--json]',
  options: { name: { type: 'string' } },
  async run(ctx) {
    const name = requireString(ctx.values, 'name');
    if (name.length > 120) throw new Error('--name must be at most 120 characters');
    const key = await createAdminKey(await ctx.deps(), name);
    return { result: key, text: `admin key ${key.id} (${name}):\n${key.key}\nStore it now: it is not shown again.` };
  },
};
