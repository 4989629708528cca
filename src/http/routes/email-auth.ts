// Routes: email sign-in: magic links and one-time codes (SPEC §3), and the scanner-safe link page.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { requestEmailSignIn } from '../../core/sign-in/request-email-sign-in.ts';
import { redeemMagicLink } from '../../core/sign-in/redeem-magic-link.ts';
import { verifyEmailCode } from '../../core/sign-in/verify-email-code.ts';
import { issueTokenSet } from '../../core/tokens/issue-tokens.ts';
import type { SignInResult } from '../../core/sign-in/sign-in-result.ts';
import { formBody, jsonBody } from '../validate.ts';
import { fields } from '../../core/shared/input.ts';
import { clientIp } from '../client-ip.ts';
import { pageCsrf } from '../middleware/csrf.ts';
import { finishHostedSignIn } from '../finish-sign-in.ts';
import { allowFormTarget, pageCsp } from '../page-csp.ts';
import { magicLinkTarget } from '../../core/sign-in/magic-link-target.ts';
import { LOCALES, pickLocale, type Locale } from '../pages/i18n.ts';
import { MagicLinkFailedPage, MagicLinkPage } from '../pages/magic-link-page.tsx';

const token = z.string().min(1).max(256);
const magicLinkBody = z.object({
  email: fields.email,
  clientId: fields.clientId,
  redirectUri: fields.url.optional(),
  state: z.string().max(512).optional(),
  // RFC 7636 S256: base64url of a SHA-256 digest, 43 characters.
  codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an S256 code challenge (43 base64url characters)').optional(),
});
const otpBody = z.object({ email: fields.email, clientId: fields.clientId });
const verifyBody = z.object({ email: fields.email, code: z.string().regex(/^\d{6}$/, 'must be 6 digits'), clientId: fields.clientId });
const pageForm = z.object({ token, lang: z.enum(LOCALES).optional() });

export function emailAuthRoutes(deps: Deps) {
  const app = new Hono();
  const tokens = async (c: Context, result: SignInResult) => {
    const set = await issueTokenSet(deps, { user: result.user, client: result.client, amr: result.amr, authTime: result.authTime, legacy: result.legacy, family: result.family });
    c.header('Cache-Control', 'no-store'); // RFC 6749 §5.1
    return c.json(set);
  };

  app.post('/v1/auth/magic-link', async (c) => {
    const input = await jsonBody(c, magicLinkBody);
    await requestEmailSignIn(deps, { ...input, ip: clientIp(c), locale: pickLocale(c) });
    return c.json({}, 202);
  });

  app.post('/v1/auth/otp', async (c) => {
    const input = await jsonBody(c, otpBody);
    await requestEmailSignIn(deps, { ...input, ip: clientIp(c), locale: pickLocale(c) });
    return c.json({}, 202);
  });

  app.post('/v1/auth/magic-link/redeem', async (c) => {
    const input = await jsonBody(c, z.object({ token }));
    return tokens(c, await redeemMagicLink(deps, { token: input.token, ip: clientIp(c) }));
  });

  app.post('/v1/auth/otp/verify', async (c) => {
    const input = await jsonBody(c, verifyBody);
    return tokens(c, await verifyEmailCode(deps, { ...input, ip: clientIp(c) }, { startFamily: true }));
  });

  // A GET only renders: link scanners fetch it, and must not consume the token.
  app.get('/auth/magic-link', async (c) => {
    const locale = pickLocale(c);
    c.header('Cache-Control', 'no-store');
    const asked = c.req.query('token');
    if (!asked || !token.safeParse(asked).success) {
      c.header('Content-Security-Policy', pageCsp(c));
      return c.html(MagicLinkFailedPage({ config: deps.config, locale }), 400);
    }
    allowFormTarget(c, await magicLinkTarget(deps, asked));
    c.header('Content-Security-Policy', pageCsp(c));
    return c.html(MagicLinkPage({ config: deps.config, locale, token: asked }));
  });

  app.post('/auth/magic-link', pageCsrf(deps.config), async (c) => {
    let locale: Locale = pickLocale(c);
    c.header('Cache-Control', 'no-store');
    try {
      const form = await formBody(c, pageForm);
      locale = form.lang ?? locale;
      const result = await redeemMagicLink(deps, { token: form.token, ip: clientIp(c) });
      return await finishHostedSignIn(c, deps, result);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      c.header('Content-Security-Policy', pageCsp(c));
      return c.html(MagicLinkFailedPage({ config: deps.config, locale }), 400);
    }
  });

  return app;
}
