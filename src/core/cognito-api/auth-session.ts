// Cognito's `Session` handle between InitiateAuth and RespondToAuthChallenge: opaque, single use, short-lived.
import type { Deps } from '../shared/deps.ts';
import { randomToken, sha256 } from '../shared/crypto.ts';
import type { CognitoAuthSession, CognitoChallengeName } from '../ports/cognito-auth-sessions.ts';
import { notAuthorized } from './cognito-api-error.ts';

/** Cognito's default AuthSessionValidity is 3 minutes, its ceiling 15; a mailed code needs the longer one. */
export const AUTH_SESSION_TTL_MS = 15 * 60_000;

/**
 * A new handle: 32 random bytes (unguessable, so it needs no signature to be trusted); the database keeps only its
 * SHA-256, so reading the table answers no pending sign-in. Expired rows are swept by about one call in 64.
 */
export async function issueAuthSession(
  deps: Pick<Deps, 'stores' | 'clock'>,
  input: { clientId: string; username: string; challenge: CognitoChallengeName; data?: Record<string, string> },
): Promise<string> {
  const handle = randomToken(32);
  const now = deps.clock.now();
  await deps.stores.cognitoAuthSessions.insert({
    idHash: await sha256(handle), clientId: input.clientId, username: input.username, challenge: input.challenge,
    data: input.data ?? {}, createdAt: now, expiresAt: now + AUTH_SESSION_TTL_MS,
  });
  if (handle.startsWith('A')) await deps.stores.cognitoAuthSessions.purge(now - AUTH_SESSION_TTL_MS);
  return handle;
}

/** The live session behind a handle, for this client and step; refused in Cognito's words otherwise (not yet spent). */
export async function openAuthSession(
  deps: Pick<Deps, 'stores' | 'clock'>,
  handle: string,
  expected: { clientId: string; challenge: CognitoChallengeName; username?: string },
): Promise<CognitoAuthSession> {
  const session = await deps.stores.cognitoAuthSessions.find(await sha256(handle));
  if (!session) throw notAuthorized('Invalid session for the user.');
  if (session.spentAt !== null) throw notAuthorized('Invalid session for the user, session can only be used once.');
  if (session.expiresAt <= deps.clock.now()) throw notAuthorized('Invalid session for the user, session is expired.');
  if (session.clientId !== expected.clientId || session.challenge !== expected.challenge) throw notAuthorized('Invalid session for the user.');
  if (expected.username !== undefined && expected.username !== session.username) throw notAuthorized('Invalid session for the user.');
  return session;
}

/** Spends the session once (one conditional UPDATE); a second caller, even a racing one, is refused. */
export async function spendAuthSession(deps: Pick<Deps, 'stores' | 'clock'>, session: CognitoAuthSession): Promise<void> {
  if (!(await deps.stores.cognitoAuthSessions.spend(session.idHash, deps.clock.now()))) {
    throw notAuthorized('Invalid session for the user, session can only be used once.');
  }
}
