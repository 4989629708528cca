// `cutover admins grant EMAIL`: give a person the `admin` role of the default tenant (the console's door, SPEC §11).
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { cliActor } from '../../core/admin/admin-actor.ts';
import { grantAdmin } from '../../core/admin/grant-admin.ts';

export const adminsGrant: Command = {
  name: 'admins grant',
  summary: 'give a person (by email) the admin role of the console; the account is created if needed',
  usage: 'cutover admins grant EMAIL [--json]',
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length !== 1) throw new UsageError('give exactly one email address');
    const email = ctx.positionals[0];
    const result = await grantAdmin(await ctx.deps(), cliActor(), email);
    return { result: { ...result, email }, text: `${email} is an admin${result.created ? ' (new account: they sign in by email)' : ''}` };
  },
};
