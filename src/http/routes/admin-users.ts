// Routes: admin people (SPEC §5, §11): list and search, one user, by legacy sub, edit, delete, sign out, passkeys, re-invite.
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { listUsers } from '../../core/admin/list-users.ts';
import { findUser, findUserByLegacySub } from '../../core/admin/find-user.ts';
import { updateUser } from '../../core/admin/update-user.ts';
import { deleteUser } from '../../core/admin/delete-user.ts';
import { signOutUser } from '../../core/admin/sign-out-user.ts';
import { removeUserPasskey } from '../../core/admin/remove-user-passkey.ts';
import { reinviteUser } from '../../core/admin/reinvite-user.ts';
import { actorOf, adminAuth } from '../middleware/admin-auth.ts';
import { jsonBody, queryOf } from '../validate.ts';
import { parseInput } from '../../core/shared/input.ts';
import { z } from 'zod';
import { listUsersQuery, passkeyParam, reinviteBody, userIdParam, userPatchSchema } from '../../core/admin/admin-user-requests.ts';

const subParam = z.object({ sub: z.string().min(1).max(128) });

export function adminUserRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/users', adminAuth(deps));
  app.use('/v1/admin/users/*', adminAuth(deps));
  const id = (c: { req: { param(): Record<string, string> } }) => parseInput(userIdParam, c.req.param()).id;

  app.get('/v1/admin/users', async (c) => c.json(await listUsers(deps, queryOf(c, listUsersQuery))));
  app.get('/v1/admin/users/by-legacy-sub/:sub', async (c) => c.json(await findUserByLegacySub(deps, parseInput(subParam, c.req.param()).sub)));
  app.get('/v1/admin/users/:id', async (c) => c.json(await findUser(deps, id(c))));
  app.patch('/v1/admin/users/:id', async (c) => c.json(await updateUser(deps, actorOf(c), id(c), await jsonBody(c, userPatchSchema))));
  app.delete('/v1/admin/users/:id', async (c) => {
    await deleteUser(deps, actorOf(c), id(c));
    return c.body(null, 204);
  });
  app.post('/v1/admin/users/:id/sign-out', async (c) => c.json(await signOutUser(deps, actorOf(c), id(c))));
  app.delete('/v1/admin/users/:id/passkeys/:passkeyId', async (c) => {
    const p = parseInput(passkeyParam, c.req.param());
    await removeUserPasskey(deps, actorOf(c), p.id, p.passkeyId);
    return c.body(null, 204);
  });
  app.post('/v1/admin/users/:id/invite', async (c) => {
    const type = c.req.header('content-type') ?? '';
    // An empty body is fine (the `account` client); a body, when sent, is JSON.
    const body = type ? await jsonBody(c, reinviteBody) : {};
    return c.json(await reinviteUser(deps, actorOf(c), id(c), body.clientId), 202);
  });
  return app;
}
