// The hosted-page session cookie: HttpOnly, SameSite=Lax; on an https issuer Secure and `__Host-` prefixed.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../core/shared/config.ts';

export const SESSION_COOKIE = 'cutover_session';

const secure = (config: Config) => config.issuer.startsWith('https://');

/**
 * `__Host-` (RFC 6265bis §4.1.3.2): the browser keeps it only if it is Secure, has Path=/ and no Domain, so a sibling
 * subdomain or a plain-http page cannot plant or overwrite the session. Browsers refuse Secure cookies over plain
 * http, so http://localhost keeps the bare name.
 */
export const sessionCookieName = (config: Config) => (secure(config) ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

export function setSessionCookie(c: Context, config: Config, value: string): void {
  setCookie(c, sessionCookieName(config), value, {
    httpOnly: true,
    secure: secure(config),
    sameSite: 'Lax',
    path: '/',
    maxAge: config.sessionTtl,
  });
}

export const readSessionCookie = (c: Context, config: Config): string | undefined => getCookie(c, sessionCookieName(config));

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, sessionCookieName(config), { path: '/', secure: secure(config) });
}
