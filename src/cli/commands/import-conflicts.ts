// `cutover import conflicts [--tenant T] [--json]`: the source users an import kept aside, with reasons.
import type { Command } from '../command.ts';
import { tenantOf } from '../import-progress.ts';

export const importConflicts: Command = {
  name: 'import conflicts',
  summary: 'list users imports kept aside (never dropped), with the reason',
  usage: 'cutover import conflicts [--tenant T] [--json]\n\nWithout --tenant, lists every tenant.',
  options: { tenant: { type: 'string' } },
  async run(ctx) {
    const tenant = ctx.values.tenant === undefined ? undefined : tenantOf(ctx.values);
    const deps = await ctx.deps();
    const rows = await deps.stores.imports.listConflicts(tenant);
    const conflicts = rows.map((r) => ({
      tenant: r.tenant, userPoolId: r.userPoolId, legacySub: r.legacySub, username: r.username, email: r.email, reason: r.reason,
      updatedAt: new Date(r.updatedAt).toISOString(),
    }));
    const text = conflicts.length === 0
      ? 'no import conflicts'
      : conflicts.map((c) => `${c.tenant}  ${c.userPoolId}  ${c.legacySub}  ${c.email ?? '-'}  ${c.reason}`).join('\n');
    return { result: { conflicts }, text };
  },
};
