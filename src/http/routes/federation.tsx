/** @jsxImportSource hono/jsx */
// GET|POST /oauth2/idpresponse (Cognito's callback path): the upstream's answer (a code, or a SAML response posted
// by the IdP) ends in the same session and code redirect as any hosted sign-in, or in a pending link.
import { Hono, type Context } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { completeFederatedSignIn } from '../../core/federation/complete-federated-sign-in.ts';
import { finishHostedSignIn } from '../finish-sign-in.ts';
import { clientIp } from '../client-ip.ts';
import { pickLocale } from '../pages/i18n.ts';
import { BadRequestPage } from '../pages/login.tsx';
import { clearFederatedStateCookie, readFederatedStateCookie, setPendingLinkCookie } from '../federation-cookies.ts';

async function callbackParams(c: Context): Promise<URLSearchParams> {
  if (c.req.method === 'GET') return new URL(c.req.url).searchParams;
  const type = c.req.header('content-type') ?? '';
  // Apple (response_mode=form_post) and SAML IdPs (HTTP-POST binding) post a form from their own site.
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new AuthError('invalid_request', 'the provider\'s answer must be a form');
  return new URLSearchParams(await c.req.text());
}

export function federationRoutes(deps: Deps) {
  const app = new Hono();
  const handler = async (c: Context) => {
    try {
      const outcome = await completeFederatedSignIn(deps, { params: await callbackParams(c), browserState: readFederatedStateCookie(c), ip: clientIp(c) });
      clearFederatedStateCookie(c, deps.config);
      if (outcome.kind === 'signed_in') return await finishHostedSignIn(c, deps, outcome.result);
      // An email match: the person proves the account once by another way in, in this browser (the cookie).
      setPendingLinkCookie(c, deps.config, outcome.pendingToken);
      const r = outcome.request;
      const p = new URLSearchParams({ client_id: r.clientId, redirect_uri: r.redirectUri, login_hint: outcome.email, linking: outcome.providerLabel });
      if (r.state !== null) p.set('state', r.state);
      if (r.codeChallenge !== null) { p.set('code_challenge', r.codeChallenge); p.set('code_challenge_method', 'S256'); }
      if (r.scope !== null) p.set('scope', r.scope);
      if (r.nonce !== null) p.set('nonce', r.nonce);
      return c.redirect(`/login?${p}`, 303);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      // Never a redirect to the app on a refused answer: nothing in it can be trusted (which app it was for included).
      return c.html(<BadRequestPage config={deps.config} locale={pickLocale(c)} detail={e.message} />, e.code === 'unavailable' ? 503 : 400);
    }
  };
  app.get('/oauth2/idpresponse', handler);
  app.post('/oauth2/idpresponse', handler);
  return app;
}
