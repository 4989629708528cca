/** @jsxImportSource hono/jsx */
// Routes: a person deletes their own account (SPEC §11) after proving it again: a fresh email code or passkey sign-in.
import { Hono, type Context } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { RateLimitedError } from '../../core/shared/errors.ts';
import { ACCOUNT_CLIENT_ID, requireClient } from '../../core/clients/clients.ts';
import { findSession } from '../../core/sign-in/sessions.ts';
import { isRecentProof } from '../../core/sign-in/recent-proof.ts';
import { requestEmailSignIn } from '../../core/sign-in/request-email-sign-in.ts';
import { deleteUser } from '../../core/admin/delete-user.ts';
import { consoleActor } from '../../core/admin/admin-actor.ts';
import { clearSessionCookie, readSessionCookie } from '../session-cookie.ts';
import { clientIp } from '../client-ip.ts';
import { pickLocale } from '../pages/i18n.ts';
import { messagesFor } from '../pages/messages.ts';
import { Layout } from '../pages/layout.tsx';
import { CodePage } from '../pages/login.tsx';
import { DeleteAccountPage } from '../pages/delete-account.tsx';

export function accountDeleteRoutes(deps: Deps) {
  const app = new Hono();
  const { config } = deps;
  const toLogin = (c: Context) => c.redirect(`/login?lang=${pickLocale(c)}`, 303);
  const page = (c: Context, fresh: boolean, email: string | null, error?: string) =>
    c.html(<DeleteAccountPage config={config} locale={pickLocale(c)} email={email} fresh={fresh} error={error} />, error ? 403 : 200);

  app.get('/account/delete', async (c) => {
    const found = await findSession(deps, readSessionCookie(c));
    if (!found) return toLogin(c);
    // Back from the fresh sign-in with the account client's code: the new session cookie is the proof; drop the code.
    if (c.req.query('code')) return c.redirect(`/account/delete?lang=${pickLocale(c)}`, 303);
    return page(c, isRecentProof(found.session, deps.clock.now()), found.user.email);
  });

  // The code goes to the account's own address, and proving it makes a new session that lands back here.
  app.post('/account/delete/code', async (c) => {
    const found = await findSession(deps, readSessionCookie(c));
    if (!found) return toLogin(c);
    const locale = pickLocale(c);
    const { user } = found;
    if (!user.email) return page(c, false, null);
    const client = await requireClient(deps, ACCOUNT_CLIENT_ID);
    const req = { clientId: client.id, clientName: client.name, redirectUri: `${config.issuer}/account/delete` };
    try {
      await requestEmailSignIn(deps, { email: user.email, clientId: client.id, redirectUri: req.redirectUri, ip: clientIp(c), locale });
    } catch (e) {
      if (!(e instanceof RateLimitedError)) throw e;
      return c.html(<DeleteAccountPage config={config} locale={locale} email={user.email} fresh={false} error={messagesFor(locale).rateLimited} />, 429);
    }
    return c.html(<CodePage config={config} locale={locale} req={req} email={user.email} cancelHref={`/account/delete?lang=${locale}`} />);
  });

  app.post('/account/delete', async (c) => {
    const found = await findSession(deps, readSessionCookie(c));
    if (!found) return toLogin(c);
    const locale = pickLocale(c);
    // Checked again on the POST: a page left open past the window must not delete on an old proof.
    if (!isRecentProof(found.session, deps.clock.now())) return page(c, false, found.user.email, messagesFor(locale).deleteStale);
    await deleteUser(deps, consoleActor(found.user.id, clientIp(c)), found.user.id);
    clearSessionCookie(c, config);
    const m = messagesFor(locale);
    return c.html(
      <Layout title={m.deleted} locale={locale} config={config}>
        <h1>{m.deleted}</h1>
        <p><a href={`/login?lang=${locale}`}>{m.signInTitle}</a></p>
      </Layout>,
    );
  });
  return app;
}
