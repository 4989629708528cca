// Reads the OAuth request of /login and /oauth2/authorize (client, registered redirect URI, state, PKCE, scope, nonce) from a query or a form.
import { z } from 'zod';
import type { Deps } from '../core/shared/deps.ts';
import { AuthError } from '../core/shared/errors.ts';
import { ACCOUNT_CLIENT_ID, requireClient, requireRegisteredRedirect } from '../core/clients/clients.ts';
import { requirePkceIfPublic } from '../core/clients/require-pkce.ts';
import { grantScope } from '../core/clients/scopes.ts';
import { fields, parseInput } from '../core/shared/input.ts';
import type { AuthorizeRequest } from './pages/login.tsx';

export const authorizeShape = z.object({
  client_id: fields.clientId.optional(),
  redirect_uri: z.string().min(1).max(2048).optional(),
  state: z.string().max(1024).optional(),
  // RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is exactly 43 characters.
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url SHA-256 (43 characters)').optional(),
  code_challenge_method: z.literal('S256', { error: 'only S256 is supported' }).optional(),
  scope: z.string().max(2048).optional(),
  nonce: z.string().max(512).optional(),
  login_hint: z.string().max(254).optional(),
  response_type: z.string().max(64).optional(),
});

/**
 * An error to send back to the client's (registered) redirect URI, as RFC 6749 §4.1.2.1 says, with `iss`
 * (RFC 9207): only raised once the client and redirect URI are known good.
 */
export class AuthorizeRedirectError extends AuthError {
  readonly location: string;
  constructor(error: AuthError, redirectUri: string, state: string | undefined, issuer: string) {
    super(error.code, error.message);
    const url = new URL(redirectUri);
    url.searchParams.set('error', error.code);
    url.searchParams.set('error_description', error.message);
    if (state !== undefined) url.searchParams.set('state', state);
    url.searchParams.set('iss', issuer);
    this.location = url.toString();
  }
}

/**
 * Throws an AuthError naming what is wrong (an unregistered redirect URI is never followed), or an
 * AuthorizeRedirectError for what the client should hear at its redirect URI.
 */
export async function resolveAuthorizeRequest(deps: Pick<Deps, 'stores' | 'config'>, raw: unknown): Promise<AuthorizeRequest> {
  // A malformed request (bad challenge shape, plain PKCE) gets the error page: nothing in it can be trusted yet.
  const q = parseInput(authorizeShape, raw);
  if (q.code_challenge && q.code_challenge_method !== 'S256') {
    parseInput(authorizeShape.pick({ code_challenge_method: true }).required(), { code_challenge_method: q.code_challenge_method });
  }
  const client = await requireClient(deps, q.client_id ?? ACCOUNT_CLIENT_ID);
  const redirectUri = requireRegisteredRedirect(client, q.redirect_uri);
  // The client and redirect URI are good from here: what the client got wrong goes back to it (SPEC §8).
  let scope: string | undefined;
  try {
    // OIDC Core §3.1.2.1: only the authorization code flow is offered.
    if (q.response_type !== undefined && q.response_type !== 'code') throw new AuthError('unsupported_response_type', 'response_type: only code is supported');
    requirePkceIfPublic(client, q.code_challenge);
    scope = q.scope === undefined ? undefined : grantScope(client, q.scope, 'user');
  } catch (e) {
    if (e instanceof AuthError) throw new AuthorizeRedirectError(e, redirectUri, q.state, deps.config.issuer);
    throw e;
  }
  const loginHint = q.login_hint && /^[^\s@]+@[^\s@]+$/.test(q.login_hint) ? q.login_hint : undefined;
  return {
    clientId: client.id, clientName: client.name, redirectUri, state: q.state, codeChallenge: q.code_challenge,
    ...(scope !== undefined ? { scope } : {}), ...(q.nonce ? { nonce: q.nonce } : {}), ...(loginHint ? { loginHint } : {}),
  };
}

/** The /login URL of a request, to start it over (another email, a language switch). */
export function loginHref(req: AuthorizeRequest, lang?: string): string {
  const p = new URLSearchParams({ client_id: req.clientId, redirect_uri: req.redirectUri });
  if (req.state !== undefined) p.set('state', req.state);
  if (req.codeChallenge !== undefined) { p.set('code_challenge', req.codeChallenge); p.set('code_challenge_method', 'S256'); }
  if (req.scope !== undefined) p.set('scope', req.scope);
  if (req.nonce !== undefined) p.set('nonce', req.nonce);
  if (lang) p.set('lang', lang);
  return `/login?${p}`;
}
