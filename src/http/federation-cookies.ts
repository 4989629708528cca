// Cookies of a federated sign-in: the state of the sign-in under way (back at the callback only in the browser that
// left), and a pending link's token (completed when this browser proves the account by another way in).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../core/shared/config.ts';
import { FEDERATED_REQUEST_TTL_MS } from '../core/federation/federated-secrets.ts';
import { PENDING_LINK_TTL_MS } from '../core/federation/resolve-federated-identity.ts';

const STATE_COOKIE = 'cutover_fed_state';
const PENDING_COOKIE = 'cutover_fed_link';
const secure = (config: Config) => config.issuer.startsWith('https://');

export function setFederatedStateCookie(c: Context, config: Config, state: string): void {
  // Apple and SAML IdPs answer with a cross-site form POST, which carries only a SameSite=None cookie (and None
  // requires Secure); over plain http (this machine) Lax is all a browser keeps, and GET callbacks carry it.
  setCookie(c, STATE_COOKIE, state, {
    httpOnly: true, secure: secure(config), sameSite: secure(config) ? 'None' : 'Lax', path: '/oauth2/idpresponse',
    maxAge: FEDERATED_REQUEST_TTL_MS / 1000,
  });
}
export const readFederatedStateCookie = (c: Context) => getCookie(c, STATE_COOKIE);
export const clearFederatedStateCookie = (c: Context, config: Config) => deleteCookie(c, STATE_COOKIE, { path: '/oauth2/idpresponse', secure: secure(config) });

export function setPendingLinkCookie(c: Context, config: Config, token: string): void {
  setCookie(c, PENDING_COOKIE, token, { httpOnly: true, secure: secure(config), sameSite: 'Lax', path: '/', maxAge: PENDING_LINK_TTL_MS / 1000 });
}
export const readPendingLinkCookie = (c: Context) => getCookie(c, PENDING_COOKIE);
export const clearPendingLinkCookie = (c: Context, config: Config) => deleteCookie(c, PENDING_COOKIE, { path: '/', secure: secure(config) });
