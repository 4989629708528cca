// `cutover clients rotate-secret ID [--overlap SECONDS]`: a new secret, shown once; the old one works for the overlap.
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { rotateClientSecret } from '../../core/clients/rotate-client-secret.ts';
import { cliActor } from '../../core/admin/admin-actor.ts';

export const clientsRotateSecret: Command = {
  name: 'clients rotate-secret',
  summary: 'give a confidential client a new secret; the old one keeps working for --overlap seconds (default 86400)',
  usage: 'cutover clients rotate-secret CLIENT_ID [--overlap SECONDS] [--json]',
  options: { overlap: { type: 'string' } },
  allowPositionals: true,
  async run(ctx) {
    const [clientId, ...extra] = ctx.positionals;
    if (!clientId || extra.length > 0) throw new UsageError('CLIENT_ID: exactly one client id is required');
    const overlap = ctx.values.overlap === undefined ? undefined : Number(ctx.values.overlap);
    if (overlap !== undefined && (!Number.isInteger(overlap) || overlap < 0 || overlap > 30 * 86_400)) {
      throw new UsageError('--overlap: must be a whole number of seconds between 0 and 2592000');
    }
    const r = await rotateClientSecret(await ctx.deps(), cliActor(), { clientId, overlapSeconds: overlap });
    const until = r.previousSecretExpiresAt ? `the previous secret works until ${new Date(r.previousSecretExpiresAt).toISOString()}` : 'the previous secret no longer works';
    return { result: r, text: `new client secret for ${r.clientId} (shown once): ${r.clientSecret}\n${until}` };
  },
};
