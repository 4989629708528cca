// Which redirect URIs a client may register: where an authorization code may be sent.
// OAuth 2.1 §2.3.1 and RFC 9700 §4.1: https, or plain http on a loopback address only (RFC 8252 §7.3, apps on this
// machine); a native app's private-use scheme (RFC 8252 §7.1, e.g. `com.example.app:/cb`) is allowed. Schemes that
// run or read something in the browser itself are never a redirect target.

const NEVER = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:', 'filesystem:', 'view-source:', 'ws:', 'wss:', 'ftp:']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why `uri` may not be registered as a redirect URI, or null when it may. */
export function redirectUriProblem(uri: string): string | null {
  if (!URL.canParse(uri)) return 'must be an absolute URL';
  const url = new URL(uri);
  if (uri.includes('#')) return 'must have no fragment (RFC 6749 §3.1.2)';
  if (NEVER.has(url.protocol)) return `must not use the ${url.protocol} scheme`;
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return 'must use https (plain http only on localhost, 127.0.0.1 or [::1])';
  if ((url.protocol === 'http:' || url.protocol === 'https:') && (url.username || url.password)) return 'must carry no user name or password';
  return null;
}
