// The hosted-page session cookie: HttpOnly, SameSite=Lax, Secure whenever the issuer is https.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../core/shared/config.ts';

export const SESSION_COOKIE = 'cutover_session';

export function setSessionCookie(c: Context, config: Config, value: string): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    secure: config.issuer.startsWith('https://'),
    sameSite: 'Lax',
    path: '/',
    maxAge: config.sessionTtl,
  });
}

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config.issuer.startsWith('https://') });
}
