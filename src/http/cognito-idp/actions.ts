// The Cognito JSON API actions served here: each reads its body with the core's schema and calls one core use case.
import type { Context } from 'hono';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Deps } from '../../core/shared/deps.ts';
import { parseInput } from '../../core/shared/input.ts';
import { invalidParameter } from '../../core/cognito-api/cognito-api-error.ts';
import * as req from '../../core/cognito-api/requests.ts';
import { initiateAuth } from '../../core/cognito-api/initiate-auth.ts';
import { respondToAuthChallenge } from '../../core/cognito-api/respond-to-auth-challenge.ts';
import { refreshCognitoTokens } from '../../core/cognito-api/refresh-cognito-tokens.ts';
import { getCognitoUser } from '../../core/cognito-api/get-user.ts';
import { globalSignOut } from '../../core/cognito-api/global-sign-out.ts';
import { revokeCognitoToken } from '../../core/cognito-api/revoke-token.ts';
import { completeWebAuthnRegistration, startWebAuthnRegistration } from '../../core/cognito-api/webauthn-registration.ts';
import { deleteWebAuthnCredential, listWebAuthnCredentials } from '../../core/cognito-api/webauthn-credentials.ts';
import { clientIp } from '../client-ip.ts';
import { pickLocale } from '../pages/i18n.ts';
import { authenticationResponse, registrationResponse } from '../webauthn-json.ts';

type Action = (deps: Deps, body: unknown, c: Context) => Promise<unknown>;

/** The browser's credential JSON, carried as a string (RespondToAuthChallenge) or an object (registration). */
function credentialOf<S extends typeof authenticationResponse | typeof registrationResponse>(schema: S, value: unknown, field: string) {
  let data = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      throw invalidParameter(`${field}: must be the credential's JSON`);
    }
  }
  try {
    return parseInput(schema, data);
  } catch (e) {
    throw invalidParameter(`${field}.${(e as Error).message}`);
  }
}

export const ACTIONS: Record<string, Action> = {
  InitiateAuth: async (deps, body, c) => initiateAuth(deps, parseInput(req.initiateAuthRequest, body), { ip: clientIp(c), locale: pickLocale(c) }),
  RespondToAuthChallenge: async (deps, body, c) => {
    const input = parseInput(req.respondToAuthChallengeRequest, body);
    const raw = input.ChallengeName === 'WEB_AUTHN' ? input.ChallengeResponses.CREDENTIAL : undefined;
    const credential = raw === undefined ? undefined : credentialOf(authenticationResponse, raw, 'ChallengeResponses.CREDENTIAL') as AuthenticationResponseJSON;
    return respondToAuthChallenge(deps, { ...input, credential }, { ip: clientIp(c), locale: pickLocale(c) });
  },
  GetTokensFromRefreshToken: async (deps, body) => {
    const input = parseInput(req.getTokensFromRefreshTokenRequest, body);
    return { AuthenticationResult: await refreshCognitoTokens(deps, { clientId: input.ClientId, refreshToken: input.RefreshToken }) };
  },
  GetUser: async (deps, body) => getCognitoUser(deps, parseInput(req.accessTokenRequest, body).AccessToken),
  GlobalSignOut: async (deps, body, c) => {
    await globalSignOut(deps, { accessToken: parseInput(req.accessTokenRequest, body).AccessToken, ip: clientIp(c) });
    return {};
  },
  RevokeToken: async (deps, body) => {
    const input = parseInput(req.revokeTokenRequest, body);
    await revokeCognitoToken(deps, { token: input.Token, clientId: input.ClientId });
    return {};
  },
  StartWebAuthnRegistration: async (deps, body) => startWebAuthnRegistration(deps, parseInput(req.accessTokenRequest, body).AccessToken),
  CompleteWebAuthnRegistration: async (deps, body) => {
    const input = parseInput(req.completeWebAuthnRegistrationRequest, body);
    const credential = credentialOf(registrationResponse, input.Credential, 'Credential') as RegistrationResponseJSON;
    await completeWebAuthnRegistration(deps, { accessToken: input.AccessToken, credential });
    return {};
  },
  ListWebAuthnCredentials: async (deps, body) => {
    const input = parseInput(req.listWebAuthnCredentialsRequest, body);
    return listWebAuthnCredentials(deps, { accessToken: input.AccessToken, nextToken: input.NextToken, maxResults: input.MaxResults });
  },
  DeleteWebAuthnCredential: async (deps, body, c) => {
    const input = parseInput(req.deleteWebAuthnCredentialRequest, body);
    await deleteWebAuthnCredential(deps, { accessToken: input.AccessToken, credentialId: input.CredentialId, ip: clientIp(c) });
    return {};
  },
};
