// The console's CSRF token: an HMAC of the console session, so it needs no storage and dies with the session.
import type { Deps } from '../shared/deps.ts';
import { constantTimeEqual, hmacSha256 } from '../shared/crypto.ts';
import { AuthError } from '../shared/errors.ts';

export const csrfTokenFor = (deps: Pick<Deps, 'secret'>, sessionIdHash: string) => hmacSha256(deps.secret, `console-csrf\n${sessionIdHash}`);

export async function checkCsrfToken(deps: Pick<Deps, 'secret'>, sessionIdHash: string, presented: unknown): Promise<void> {
  const expected = await csrfTokenFor(deps, sessionIdHash);
  if (typeof presented !== 'string' || !constantTimeEqual(presented, expected)) throw new AuthError('forbidden', '_csrf: the form token is missing or wrong; reload the page');
}
