// The request bodies of Cognito's JSON API actions served here (zod; unknown members are ignored, as Cognito's SDKs add some).
import { z } from 'zod';

const clientId = z.string().min(1).max(128);
const stringMap = z.record(z.string(), z.string());
// Cognito's documented bounds: Session 20–2048 characters, tokens up to a few KiB.
const session = z.string().min(20).max(2048);
const token = z.string().min(1).max(8192);

export const initiateAuthRequest = z.object({
  AuthFlow: z.string().min(1).max(64),
  ClientId: clientId,
  AuthParameters: stringMap.default({}),
  ClientMetadata: stringMap.optional(),
  Session: session.optional(),
});

export const respondToAuthChallengeRequest = z.object({
  ClientId: clientId,
  ChallengeName: z.string().min(1).max(64),
  Session: session,
  ChallengeResponses: stringMap.default({}),
  ClientMetadata: stringMap.optional(),
});

export const getTokensFromRefreshTokenRequest = z.object({
  ClientId: clientId,
  RefreshToken: token,
  ClientSecret: z.string().max(256).optional(),
  DeviceKey: z.string().max(64).optional(),
});

export const accessTokenRequest = z.object({ AccessToken: token });

export const revokeTokenRequest = z.object({ Token: token, ClientId: clientId, ClientSecret: z.string().max(256).optional() });

export const completeWebAuthnRegistrationRequest = z.object({ AccessToken: token, Credential: z.unknown() });

export const listWebAuthnCredentialsRequest = z.object({
  AccessToken: token,
  NextToken: z.string().max(256).optional(),
  MaxResults: z.number().int().min(1).max(20).optional(),
});

export const deleteWebAuthnCredentialRequest = z.object({ AccessToken: token, CredentialId: z.string().min(1).max(1400) });
