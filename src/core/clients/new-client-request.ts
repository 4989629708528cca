// The request to register an app (client) or a resource server, as the admin API, `cutover clients create` and the
// Cognito client import all take it: every field checked.
import { z } from 'zod';
import { fields } from '../shared/input.ts';
import { redirectUriProblem } from './redirect-uri.ts';
import { isKnownScopeShape } from './scopes.ts';

const tenant = fields.tenant;

/** Where a code may be sent (issue 18 #16): redirectUriProblem names what is wrong with one that may not. */
export const appUri = z.string().max(2048).superRefine((u, ctx) => {
  const problem = redirectUriProblem(u);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

// Cognito's bounds: access and ID tokens 5 minutes to 1 day, refresh tokens 1 hour to 10 years (seconds here).
const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

export const newClientSchema = z.object({
  name: z.string().trim().min(1).max(128),
  redirectUris: z.array(appUri).max(100).default([]),
  audience: z.string().min(1).max(256).optional(),
  tenant: tenant.optional(),
  confidential: z.boolean().optional(),
  grantTypes: z.array(z.enum(['authorization_code', 'refresh_token', 'client_credentials'])).min(1).max(3).optional(),
  scopes: z.array(z.string().min(1).max(256).refine(isKnownScopeShape, 'must be openid, email, profile, phone, aws.cognito.signin.user.admin or identifier/name')).max(100).optional(),
  logoutUris: z.array(appUri).max(100).optional(),
  readAttributes: z.array(z.string().min(1).max(64)).max(100).optional(),
  accessTokenTtl: seconds(300, 86_400).optional(),
  idTokenTtl: seconds(300, 86_400).optional(),
  refreshTokenTtl: seconds(3_600, 315_360_000).optional(),
  allowCognitoSessionSwap: z.boolean().optional(),
  // Cognito client ids are 1-128 word characters; secrets are what DescribeUserPoolClient returns.
  clientId: z.string().regex(/^[\w+]{1,128}$/, 'must be 1-128 letters, digits, _ or +').optional(),
  clientSecret: z.string().min(16).max(512).optional(),
}).refine((c) => c.redirectUris.length > 0 || (c.grantTypes ?? ['authorization_code']).every((g) => g === 'client_credentials'), {
  message: 'at least one redirect URI is needed for the authorization_code grant', path: ['redirectUris'],
});

export const resourceServerSchema = z.object({
  identifier: z.string().min(1).max(256).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  name: z.string().trim().min(1).max(256),
  scopes: z.array(z.object({ name: z.string().regex(/^[\x21-\x2e\x30-\x7e]{1,256}$/, 'must be printable ASCII without spaces or /'), description: z.string().max(256).default('') })).max(100),
  tenant: tenant.optional(),
});
