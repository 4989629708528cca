// Routes: /account (session cookie): profile, passkeys (add, rename, remove), email confirmation, sign out.
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError, RateLimitedError } from '../../core/shared/errors.ts';
import { ACCOUNT_CLIENT_ID, requireClient } from '../../core/clients/clients.ts';
import { endSession, findSession } from '../../core/sign-in/sessions.ts';
import { listPasskeys } from '../../core/passkeys/list-passkeys.ts';
import { renamePasskey } from '../../core/passkeys/rename-passkey.ts';
import { removePasskey } from '../../core/passkeys/remove-passkey.ts';
import { passkeyRegistrationOptions } from '../../core/passkeys/passkey-registration-options.ts';
import { verifyPasskeyRegistration } from '../../core/passkeys/verify-passkey-registration.ts';
import { requestEmailSignIn } from '../../core/sign-in/request-email-sign-in.ts';
import type { User } from '../../core/ports/users.ts';
import { clearSessionCookie, readSessionCookie } from '../session-cookie.ts';
import { clientIp } from '../client-ip.ts';
import { sameOrigin } from '../middleware/same-origin.ts';
import { pickLocale } from '../pages/i18n.ts';
import { messagesFor } from '../pages/messages.ts';
import { AccountPage, type AccountNotice } from '../pages/account.tsx';
import { CodePage } from '../pages/login.tsx';
import { formFieldsOf, jsonBody } from '../validate.ts';
import { parseInput } from '../../core/shared/input.ts';
import { registrationResponse } from '../webauthn-json.ts';
import { removeOwnLink } from '../../core/federation/remove-link.ts';
import { identityLinks } from '../../core/admin/admin-user-json.ts';

type AccountVars = { Variables: { accountUser: User } };

const NOTICES = new Set<AccountNotice>(['added', 'renamed', 'removed', 'signed-in']);
const renameForm = z.object({ name: z.string().max(200) });
const passkeyId = z.string().min(1).max(1400).regex(/^[A-Za-z0-9_-]+$/, 'must be a credential id');

export function accountPageRoutes(deps: Deps) {
  const app = new Hono<AccountVars>();
  const { config } = deps;
  const back = (c: Context, notice: AccountNotice) => c.redirect(`/account?done=${notice}&lang=${pickLocale(c)}`, 303);

  /** Pages redirect a signed-out person to /login; JSON calls get a 401. */
  const signedIn = (json: boolean) => createMiddleware<AccountVars>(async (c, next) => {
    const found = await findSession(deps, readSessionCookie(c, config));
    if (!found) {
      if (json) throw new AuthError('unauthorized', 'sign in first');
      return c.redirect(`/login?lang=${pickLocale(c)}`, 303);
    }
    c.set('accountUser', found.user);
    await next();
  });

  app.get('/account', signedIn(false), async (c) => {
    // Coming back from /login with the account client's code: the session cookie already did the work.
    if (c.req.query('code')) return c.redirect(`/account?done=signed-in&lang=${pickLocale(c)}`, 303);
    const user = c.get('accountUser');
    const done = c.req.query('done') as AccountNotice | undefined;
    const remove = c.req.query('remove');
    return c.html(<AccountPage config={config} locale={pickLocale(c)} user={user} passkeys={await listPasskeys(deps, user.id)} links={identityLinks(user.identities)} notice={done && NOTICES.has(done) ? done : undefined} confirmRemove={remove} />);
  });

  app.post('/account/passkeys/options', sameOrigin(config), signedIn(true), async (c) => {
    await jsonBody(c, z.object({}));
    return c.json(await passkeyRegistrationOptions(deps, c.get('accountUser')));
  });

  app.post('/account/passkeys', sameOrigin(config), signedIn(true), async (c) => {
    const input = await jsonBody(c, z.object({ response: registrationResponse, name: z.string().max(64).optional() }));
    const passkey = await verifyPasskeyRegistration(deps, c.get('accountUser'), { response: input.response as RegistrationResponseJSON, name: input.name });
    return c.json({ credentialId: passkey.id });
  });

  app.post('/account/passkeys/:id/rename', signedIn(false), async (c) => {
    const user = c.get('accountUser');
    const id = parseInput(passkeyId, c.req.param('id'));
    const { name } = parseInput(renameForm, await formFieldsOf(c));
    try {
      await renamePasskey(deps, { userId: user.id, passkeyId: id, name });
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      return c.html(<AccountPage config={config} locale={pickLocale(c)} user={user} passkeys={await listPasskeys(deps, user.id)} error={e.message} />, e.code === 'not_found' ? 404 : 400);
    }
    return back(c, 'renamed');
  });

  app.post('/account/passkeys/:id/remove', signedIn(false), async (c) => {
    const user = c.get('accountUser');
    const id = parseInput(passkeyId, c.req.param('id'));
    // Only the confirmation step's form says yes; anything else is shown that step first.
    if ((await c.req.parseBody()).confirm !== 'yes') return c.redirect(`/account?remove=${encodeURIComponent(id)}&lang=${pickLocale(c)}`, 303);
    await removePasskey(deps, { userId: user.id, passkeyId: id, ip: clientIp(c) });
    return back(c, 'removed');
  });

  app.post('/account/links/remove', signedIn(false), async (c) => {
    const user = c.get('accountUser');
    const form = parseInput(z.object({ provider: z.string().min(1).max(64), subject: z.string().min(1).max(1024) }), await formFieldsOf(c));
    try {
      await removeOwnLink(deps, { userId: user.id, provider: form.provider, subject: form.subject, ip: clientIp(c) });
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      return c.html(<AccountPage config={config} locale={pickLocale(c)} user={user} passkeys={await listPasskeys(deps, user.id)} links={identityLinks(user.identities)} error={e.message} />, e.code === 'not_found' ? 404 : 409);
    }
    return back(c, 'removed');
  });

  app.post('/account/confirm-email', signedIn(false), async (c) => {
    const user = c.get('accountUser');
    const locale = pickLocale(c);
    const client = await requireClient(deps, ACCOUNT_CLIENT_ID);
    const req = { clientId: client.id, clientName: client.name, redirectUri: `${config.issuer}/account` };
    if (!user.email) throw new AuthError('invalid_request', 'this account has no email address');
    try {
      await requestEmailSignIn(deps, { email: user.email, clientId: client.id, redirectUri: req.redirectUri, ip: clientIp(c), locale });
    } catch (e) {
      if (!(e instanceof RateLimitedError)) throw e;
      return c.html(<AccountPage config={config} locale={locale} user={user} passkeys={await listPasskeys(deps, user.id)} error={messagesFor(locale).rateLimited} />, 429);
    }
    return c.html(<CodePage config={config} locale={locale} req={req} email={user.email} cancelHref={`/account?lang=${locale}`} />);
  });

  app.post('/account/sign-out', async (c) => {
    await endSession(deps, readSessionCookie(c, config));
    clearSessionCookie(c, config);
    return c.redirect(`/login?lang=${pickLocale(c)}`, 303);
  });
  return app;
}
