// Routes: /login and its form POSTs: email link or code (no JavaScript needed) and passkey; all end in finishHostedSignIn.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError, RateLimitedError } from '../../core/shared/errors.ts';
import { requestEmailSignIn } from '../../core/sign-in/request-email-sign-in.ts';
import { verifyEmailCode } from '../../core/sign-in/verify-email-code.ts';
import { verifyPasskeyAuthentication } from '../../core/passkeys/verify-passkey-authentication.ts';
import type { SignInResult } from '../../core/sign-in/sign-in-result.ts';
import { finishHostedSignIn } from '../finish-sign-in.ts';
import { allowFormTarget } from '../page-csp.ts';
import { clientIp } from '../client-ip.ts';
import { pickLocale } from '../pages/i18n.ts';
import { messagesFor } from '../pages/messages.ts';
import { BadRequestPage, CodePage, LoginPage, type AuthorizeRequest } from '../pages/login.tsx';
import { fields, parseInput } from '../../core/shared/input.ts';
import { formFieldsOf } from '../validate.ts';
import { providerButtons } from '../../core/federation/list-providers.ts';
import { authenticationResponse } from '../webauthn-json.ts';
import { AuthorizeRedirectError, loginHref, resolveAuthorizeRequest } from '../authorize-request.ts';

const emailForm = z.object({ email: fields.email });
const codeForm = z.object({ email: fields.email, code: z.string().trim().regex(/^\d{6}$/, 'must be 6 digits') });
const passkeyForm = z.object({ response: z.string().min(2).max(20_000) });

async function formFields(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return {};
  const body = await formFieldsOf(c);
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

const fieldError = (e: unknown) => (e instanceof AuthError ? e.message : null);

export function loginPageRoutes(deps: Deps) {
  const app = new Hono();
  const { config } = deps;

  /** The request behind a page, or the 400 page: an unknown client or unregistered redirect is never redirected to. */
  async function requestOr400(c: Context, raw: unknown): Promise<AuthorizeRequest | Response> {
    try {
      const req = await resolveAuthorizeRequest(deps, raw);
      allowFormTarget(c, req.redirectUri);
      return req;
    } catch (e) {
      if (e instanceof AuthorizeRedirectError) return c.redirect(e.location, 303);
      if (!(e instanceof AuthError)) throw e;
      return c.html(<BadRequestPage config={config} locale={pickLocale(c)} detail={e.message} />, 400);
    }
  }

  /** Ends the sign-in; the request carried by the form fills what the sign-in did not record. */
  const finish = (c: Context, result: SignInResult, req: AuthorizeRequest) => finishHostedSignIn(c, deps, {
    ...result,
    redirectUri: result.redirectUri ?? req.redirectUri,
    state: result.state ?? req.state ?? null,
    codeChallenge: result.codeChallenge ?? req.codeChallenge ?? null,
    scope: result.scope ?? req.scope ?? null,
    nonce: result.nonce ?? req.nonce ?? null,
  });

  app.get('/login', async (c) => {
    const req = await requestOr400(c, c.req.query());
    if (req instanceof Response) return req;
    const { lang: _lang, ...rest } = c.req.query();
    const locale = pickLocale(c);
    // after a federated sign-in whose email matched an account: say why the person must sign in another way once
    const linking = typeof rest.linking === 'string' ? rest.linking.slice(0, 64) : undefined;
    return c.html(<LoginPage config={config} locale={locale} req={req} switchPath={`/login?${new URLSearchParams(rest)}`}
      providers={await providerButtons(deps, req.clientId)} notice={linking ? messagesFor(locale).linkPending(linking) : undefined} />);
  });

  app.post('/login/email', async (c) => {
    const form = await formFields(c);
    const req = await requestOr400(c, form);
    if (req instanceof Response) return req;
    const locale = pickLocale(c);
    const m = messagesFor(locale);
    let email: string;
    try {
      email = parseInput(emailForm, form).email;
      await requestEmailSignIn(deps, { email, clientId: req.clientId, redirectUri: req.redirectUri, state: req.state, codeChallenge: req.codeChallenge, scope: req.scope, nonce: req.nonce, ip: clientIp(c), locale });
    } catch (e) {
      const message = e instanceof RateLimitedError ? m.rateLimited : fieldError(e);
      if (message === null) throw e;
      return c.html(<LoginPage config={config} locale={locale} req={req} email={form.email} error={message} />, e instanceof RateLimitedError ? 429 : 400);
    }
    return c.html(<CodePage config={config} locale={locale} req={req} email={email} cancelHref={loginHref(req, locale)} />);
  });

  app.post('/login/code', async (c) => {
    const form = await formFields(c);
    const req = await requestOr400(c, form);
    if (req instanceof Response) return req;
    const locale = pickLocale(c);
    const m = messagesFor(locale);
    const email = typeof form.email === 'string' ? form.email.slice(0, 254) : '';
    let result: SignInResult;
    try {
      const input = parseInput(codeForm, form);
      result = await verifyEmailCode(deps, { email: input.email, code: input.code, clientId: req.clientId, ip: clientIp(c) });
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      const message = e instanceof RateLimitedError ? m.rateLimited : e.code === 'invalid_request' ? e.message : m.badCode;
      return c.html(<CodePage config={config} locale={locale} req={req} email={email} error={message} cancelHref={loginHref(req, locale)} />, e instanceof RateLimitedError ? 429 : 400);
    }
    return finish(c, result, req);
  });

  app.post('/login/passkey', async (c) => {
    const form = await formFields(c);
    const req = await requestOr400(c, form);
    if (req instanceof Response) return req;
    const locale = pickLocale(c);
    let result: SignInResult;
    try {
      const raw = parseInput(passkeyForm, form).response;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new AuthError('invalid_request', 'response: must be JSON');
      }
      const response = parseInput(authenticationResponse, json) as AuthenticationResponseJSON;
      result = await verifyPasskeyAuthentication(deps, { response, clientId: req.clientId, redirectUri: req.redirectUri, state: req.state, codeChallenge: req.codeChallenge, ip: clientIp(c) });
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      return c.html(<LoginPage config={config} locale={locale} req={req} error={`${messagesFor(locale).passkeyFailed} (${e.message})`} />, 400);
    }
    return finish(c, result, req);
  });
  return app;
}
