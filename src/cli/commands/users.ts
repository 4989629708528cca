// `cutover users list|show|disable|enable|delete|sign-out` (SPEC §11): the admin API's people actions from a shell.
import type { Command, CommandContext } from '../command.ts';
import { UsageError } from '../command.ts';
import type { Deps } from '../../core/shared/deps.ts';
import { cliActor } from '../../core/admin/admin-actor.ts';
import { listUsers } from '../../core/admin/list-users.ts';
import { findUser } from '../../core/admin/find-user.ts';
import { updateUser } from '../../core/admin/update-user.ts';
import { deleteUser } from '../../core/admin/delete-user.ts';
import { signOutUser } from '../../core/admin/sign-out-user.ts';
import { DEFAULT_TENANT } from '../../core/clients/clients.ts';
import { normalizeEmail } from '../../core/shared/email.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { listUsersQuery } from '../../core/admin/admin-user-requests.ts';

const FLAGS: Record<string, string> = { tenant: '--tenant', emailPrefix: '--email-prefix', role: '--role', legacySub: '--legacy-sub', freshlyMigrated: '--freshly-migrated', signedIn: '--signed-in', cursor: '--cursor', limit: '--limit' };

/** One person by id, or by email in --tenant (default `default`). */
async function resolveUserId(deps: Deps, ctx: CommandContext): Promise<string> {
  const [who, ...extra] = ctx.positionals;
  if (!who || extra.length > 0) throw new UsageError('give exactly one user id or email');
  if (!who.includes('@')) return who;
  const tenant = typeof ctx.values.tenant === 'string' ? ctx.values.tenant : DEFAULT_TENANT;
  const user = await deps.stores.users.findByEmail(tenant, normalizeEmail(who));
  if (!user) throw new AuthError('not_found', `no user with this email in tenant "${tenant}"`);
  return user.id;
}

const one = (name: string, summary: string, act: (deps: Deps, id: string) => Promise<unknown>, done: string): Command => ({
  name: `users ${name}`,
  summary,
  usage: `cutover users ${name} (USER_ID | EMAIL) [--tenant T] [--json]`,
  options: { tenant: { type: 'string' } },
  allowPositionals: true,
  async run(ctx) {
    const deps = await ctx.deps();
    const id = await resolveUserId(deps, ctx);
    const result = await act(deps, id);
    return { result, text: `${done} ${id}` };
  },
});

export const usersList: Command = {
  name: 'users list',
  summary: 'list or search people (email prefix, role, legacy sub, freshly migrated, signed in)',
  usage: 'cutover users list [--tenant T] [--email-prefix P] [--role R] [--legacy-sub SUB] [--freshly-migrated true|false] [--signed-in true|false] [--limit N] [--cursor C] [--json]',
  options: Object.fromEntries(Object.entries(FLAGS).map(([, flag]) => [flag.slice(2), { type: 'string' as const }])),
  async run(ctx) {
    const raw = Object.fromEntries(Object.entries(FLAGS).map(([key, flag]) => [key, ctx.values[flag.slice(2)]]).filter(([, v]) => v !== undefined));
    const parsed = listUsersQuery.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${FLAGS[String(issue.path[0])] ?? issue.path[0]}: ${issue.message.replace(/^Invalid input: /, '')}`);
    }
    const page = await listUsers(await ctx.deps(), parsed.data);
    const lines = page.users.map((u) => `${u.id}  ${u.email ?? '-'}  ${u.enabled ? 'enabled' : 'disabled'}${u.freshlyMigrated ? '  freshly-migrated' : ''}${u.roles.length ? `  [${u.roles.join(',')}]` : ''}`);
    if (page.nextCursor) lines.push(`more: --cursor ${page.nextCursor}`);
    return { result: page, text: lines.join('\n') || 'no users' };
  },
};

export const usersShow = one('show', 'one person with legacy links, roles and passkeys', (deps, id) => findUser(deps, id), 'user');
export const usersDisable = one('disable', 'disable a person: their sessions and refresh tokens end now', (deps, id) => updateUser(deps, cliActor(), id, { enabled: false }), 'disabled');
export const usersEnable = one('enable', 'enable a person again (ended sessions stay ended)', (deps, id) => updateUser(deps, cliActor(), id, { enabled: true }), 'enabled');
export const usersDelete = one('delete', 'erase a person (profile, links, passkeys, tokens, mail); the audit keeps that it happened', (deps, id) => deleteUser(deps, cliActor(), id).then(() => ({ id, deleted: true })), 'deleted');
export const usersSignOut = one('sign-out', 'end every session and refresh token of a person', (deps, id) => signOutUser(deps, cliActor(), id), 'signed out');
