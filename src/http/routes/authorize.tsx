/** @jsxImportSource hono/jsx */
// GET|POST /oauth2/authorize (Cognito's path, OIDC Core §3.1.2): a live session answers at once, else the sign-in page.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { parseInput } from '../../core/shared/input.ts';
import { findSession } from '../../core/sign-in/sessions.ts';
import { authorizeWithSession } from '../../core/sign-in/authorize-with-session.ts';
import { requireClient } from '../../core/clients/clients.ts';
import { AuthorizeRedirectError, resolveAuthorizeRequest } from '../authorize-request.ts';
import { readSessionCookie } from '../session-cookie.ts';
import { pickLocale } from '../pages/i18n.ts';
import { BadRequestPage, LoginPage } from '../pages/login.tsx';
import { startFederatedSignIn } from '../../core/federation/start-federated-sign-in.ts';
import { providerButtons } from '../../core/federation/list-providers.ts';
import { setFederatedStateCookie } from '../federation-cookies.ts';
import { clientIp } from '../client-ip.ts';
import { bodyText } from '../request-body.ts';

const oidcParams = z.object({
  prompt: z.string().max(64).regex(/^(none|login|consent|select_account)( (none|login|consent|select_account))*$/, 'must be none or login').optional(),
  max_age: z.coerce.number().int().min(0).max(10 * 365 * 86_400).optional(),
});

async function paramsOf(c: Context): Promise<Record<string, string>> {
  if (c.req.method === 'GET') return c.req.query();
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(await bodyText(c))) if (!(k in out)) out[k] = v;
  return out;
}

export function authorizeRoutes(deps: Deps) {
  const app = new Hono();
  const { config } = deps;
  const handler = async (c: Context) => {
    const raw = paramsOf(c);
    const params = await raw;
    try {
      // OIDC Core §3.1.2.1: response_type is required here (the house's /login has always defaulted it).
      if (!params.response_type) throw new AuthError('invalid_request', 'response_type: Required');
      const req = await resolveAuthorizeRequest(deps, params);
      let oidc: z.output<typeof oidcParams>;
      try {
        oidc = parseInput(oidcParams, params);
      } catch (e) {
        throw e instanceof AuthError ? new AuthorizeRedirectError(e, req.redirectUri, req.state, config.issuer) : e;
      }
      const client = await requireClient(deps, req.clientId);
      // Cognito's identity_provider (or idp_identifier, one of a provider's identifiers): straight to it (SPEC §10).
      const choice = params.identity_provider ? { name: params.identity_provider.slice(0, 128) }
        : params.idp_identifier ? { identifier: params.idp_identifier.slice(0, 128) } : null;
      if (choice && oidc.prompt !== 'none') {
        let started;
        try {
          started = await startFederatedSignIn(deps, choice, client, {
            redirectUri: req.redirectUri, state: req.state, codeChallenge: req.codeChallenge, scope: req.scope, nonce: req.nonce,
          }, clientIp(c));
        } catch (e) {
          throw e instanceof AuthError ? new AuthorizeRedirectError(e, req.redirectUri, req.state, config.issuer) : e;
        }
        setFederatedStateCookie(c, config, started.browserState);
        return c.redirect(started.location, 302);
      }
      const outcome = await authorizeWithSession(deps, {
        signedIn: await findSession(deps, readSessionCookie(c, deps.config)),
        client,
        redirectUri: req.redirectUri, state: req.state, codeChallenge: req.codeChallenge, scope: req.scope, nonce: req.nonce,
        prompt: oidc.prompt, maxAge: oidc.max_age,
      });
      if (outcome.kind === 'redirect') return c.redirect(outcome.location, 303);
      if (outcome.kind === 'login_required') {
        throw new AuthorizeRedirectError(new AuthError('login_required', 'no live sign-in and prompt=none'), req.redirectUri, req.state, config.issuer);
      }
      return c.html(<LoginPage config={config} locale={pickLocale(c)} req={req} providers={await providerButtons(deps, client.id)} />);
    } catch (e) {
      if (e instanceof AuthorizeRedirectError) return c.redirect(e.location, 303);
      if (!(e instanceof AuthError)) throw e;
      // A bad client or redirect URI: an error page, never a redirect (RFC 6749 §4.1.2.1).
      return c.html(<BadRequestPage config={config} locale={pickLocale(c)} detail={e.message} />, 400);
    }
  };
  app.get('/oauth2/authorize', handler);
  // SPEC §8: a POST comes from the app's own site; it is an authorization request, not a form to refuse as CSRF.
  app.post('/oauth2/authorize', handler);
  return app;
}
