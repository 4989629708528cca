// Routes: passkey registration and sign-in (SPEC §3).
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Deps } from '../../core/shared/deps.ts';
import { issueTokenSet } from '../../core/tokens/issue-tokens.ts';
import { passkeyRegistrationOptions } from '../../core/passkeys/passkey-registration-options.ts';
import { verifyPasskeyRegistration } from '../../core/passkeys/verify-passkey-registration.ts';
import { requirePasskeyEnrolmentGrant } from '../../core/passkeys/require-enrolment-grant.ts';
import { passkeyAuthenticationOptions } from '../../core/passkeys/passkey-authentication-options.ts';
import { verifyPasskeyAuthentication } from '../../core/passkeys/verify-passkey-authentication.ts';
import { clientIp } from '../client-ip.ts';
import { userAuth, type UserVars } from '../middleware/user-auth.ts';
import { jsonBody } from '../validate.ts';
import { fields } from '../../core/shared/input.ts';
import { authenticationResponse, registrationResponse } from '../webauthn-json.ts';

const registerVerify = z.object({ response: registrationResponse, name: z.string().max(64).optional() });
const loginOptions = z.object({ email: fields.email.optional(), clientId: fields.clientId.optional() });
const loginVerify = z.object({ response: authenticationResponse, clientId: fields.clientId });

export function passkeyRoutes(deps: Deps) {
  const app = new Hono<UserVars>();
  // Apps on the extra origins (CUTOVER_WEBAUTHN_ORIGINS) run these ceremonies from their own pages.
  app.use('/v1/passkeys/*', cors({ origin: deps.config.webauthn.origins, allowMethods: ['POST'], allowHeaders: ['authorization', 'content-type'] }));

  app.post('/v1/passkeys/register/options', userAuth(deps), async (c) => {
    requirePasskeyEnrolmentGrant(deps, c.get('token'));
    await jsonBody(c, z.object({}));
    return c.json(await passkeyRegistrationOptions(deps, c.get('user')));
  });

  app.post('/v1/passkeys/register/verify', userAuth(deps), async (c) => {
    requirePasskeyEnrolmentGrant(deps, c.get('token'));
    const input = await jsonBody(c, registerVerify);
    const passkey = await verifyPasskeyRegistration(deps, c.get('user'), { response: input.response as RegistrationResponseJSON, name: input.name });
    return c.json({ credentialId: passkey.id });
  });

  app.post('/v1/passkeys/login/options', async (c) => {
    const input = await jsonBody(c, loginOptions);
    return c.json(await passkeyAuthenticationOptions(deps, { ...input, ip: clientIp(c) }));
  });

  app.post('/v1/passkeys/login/verify', async (c) => {
    const input = await jsonBody(c, loginVerify);
    const result = await verifyPasskeyAuthentication(deps, { response: input.response as AuthenticationResponseJSON, clientId: input.clientId, ip: clientIp(c) });
    c.header('Cache-Control', 'no-store');
    return c.json(await issueTokenSet(deps, { user: result.user, client: result.client, amr: result.amr, authTime: result.authTime }));
  });
  return app;
}
