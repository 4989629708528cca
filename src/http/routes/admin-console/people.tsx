/** @jsxImportSource hono/jsx */
// Console routes: people (list, one person) and every action on a person, each a CSRF-checked form POST.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../../core/shared/deps.ts';
import { listUsers } from '../../../core/admin/list-users.ts';
import { findUser } from '../../../core/admin/find-user.ts';
import { updateUser } from '../../../core/admin/update-user.ts';
import { deleteUser } from '../../../core/admin/delete-user.ts';
import { signOutUser } from '../../../core/admin/sign-out-user.ts';
import { removeUserPasskey } from '../../../core/admin/remove-user-passkey.ts';
import { reinviteUser } from '../../../core/admin/reinvite-user.ts';
import { listSignIns } from '../../../core/admin/list-sign-ins.ts';
import { AuthError } from '../../../core/shared/errors.ts';
import type { ConsoleVars } from '../../middleware/console-auth.ts';
import { actorOf } from '../../middleware/admin-auth.ts';
import { PeoplePage } from '../../pages/admin/people.tsx';
import { PersonPage } from '../../pages/admin/person.tsx';
import { consoleMessages } from '../../pages/admin/console-messages.ts';
import { withLang } from '../../pages/admin/shell.tsx';
import { parseInput } from '../../../core/shared/input.ts';
import { listUsersQuery, passkeyParam, userIdParam, userPatchSchema } from '../../../core/admin/admin-user-requests.ts';
import { backTo, formOf, nonBlank, shellProps } from './console-context.ts';

const enabledForm = z.object({ enabled: z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true') });
const editForm = z.object({
  given_name: z.string().trim().max(256).default(''),
  family_name: z.string().trim().max(256).default(''),
  roles: z.string().max(2000).default(''),
});
const deleteForm = z.object({ confirm: z.literal('yes', 'tick the box to confirm') });

export function consolePeopleRoutes(deps: Deps) {
  const app = new Hono<ConsoleVars>();
  const idOf = (c: { req: { param(): Record<string, string> } }) => parseInput(userIdParam, c.req.param()).id;
  const personPath = (id: string) => `/admin/people/${encodeURIComponent(id)}`;

  app.get('/admin/people', async (c) => {
    const filters = nonBlank(c.req.query());
    const props = shellProps(c, deps);
    try {
      const page = await listUsers(deps, parseInput(listUsersQuery, { ...filters, tenant: 'default' }));
      const next = page.nextCursor ? withLang(`/admin/people?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}`, props.locale) : null;
      return c.html(<PeoplePage {...props} filters={filters} users={page.users} nextHref={next} />);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      return c.html(<PeoplePage {...props} filters={filters} users={[]} nextHref={null} error={e.message} />, 400);
    }
  });

  app.get('/admin/people/:id', async (c) => {
    const id = idOf(c);
    const user = await findUser(deps, id);
    const stored = await deps.stores.users.findById(id);
    const m = consoleMessages(shellProps(c, deps).locale);
    const notice = c.req.query('done') ? m.done : undefined;
    return c.html(<PersonPage {...shellProps(c, deps)} user={user} identities={stored?.identities ?? []} signIns={await listSignIns(deps, id)} notice={notice} />);
  });

  app.post('/admin/people/:id/enabled', async (c) => {
    const id = idOf(c);
    await updateUser(deps, actorOf(c), id, { enabled: parseInput(enabledForm, await formOf(c)).enabled });
    return backTo(c, personPath(id));
  });

  app.post('/admin/people/:id/edit', async (c) => {
    const id = idOf(c);
    const form = parseInput(editForm, await formOf(c));
    // A blank name field removes it; roles are the comma-separated list, checked like the API's.
    const patch = parseInput(userPatchSchema, {
      profile: { given_name: form.given_name || null, family_name: form.family_name || null },
      roles: form.roles.split(',').map((r) => r.trim()).filter(Boolean),
    });
    await updateUser(deps, actorOf(c), id, patch);
    return backTo(c, personPath(id));
  });

  app.post('/admin/people/:id/sign-out', async (c) => {
    const id = idOf(c);
    await signOutUser(deps, actorOf(c), id);
    return backTo(c, personPath(id));
  });

  app.post('/admin/people/:id/invite', async (c) => {
    const id = idOf(c);
    const { batchId } = await reinviteUser(deps, actorOf(c), id);
    return backTo(c, `/admin/invitations/${encodeURIComponent(batchId)}`);
  });

  app.post('/admin/people/:id/passkeys/:passkeyId/remove', async (c) => {
    const p = parseInput(passkeyParam, c.req.param());
    await removeUserPasskey(deps, actorOf(c), p.id, p.passkeyId);
    return backTo(c, personPath(p.id));
  });

  app.post('/admin/people/:id/delete', async (c) => {
    const id = idOf(c);
    parseInput(deleteForm, await formOf(c));
    if (id === c.get('consoleUser').id) throw new AuthError('conflict', 'you cannot delete yourself from the console; use /account');
    await deleteUser(deps, actorOf(c), id);
    return backTo(c, '/admin/people', 'deleted');
  });
  return app;
}
