// Hosted-page sessions: a random cookie value, its SHA-256 in the database.
import type { Deps } from '../shared/deps.ts';
import { randomToken, sha256 } from '../shared/crypto.ts';
import type { Session } from '../ports/sessions.ts';
import type { User } from '../ports/users.ts';

export async function createSession(deps: Pick<Deps, 'stores' | 'clock' | 'config'>, input: { userId: string; amr: string[] }): Promise<{ cookieValue: string; session: Session }> {
  // 32 random bytes: the cookie is a bearer credential, so it must be unguessable.
  const cookieValue = randomToken();
  const now = deps.clock.now();
  const session: Session = { idHash: await sha256(cookieValue), userId: input.userId, amr: input.amr, createdAt: now, expiresAt: now + deps.config.sessionTtl * 1000 };
  await deps.stores.sessions.insert(session);
  return { cookieValue, session };
}

/** The live session and its enabled user; null when there is none (not an error: the person is simply signed out). */
export async function findSession(deps: Pick<Deps, 'stores' | 'clock'>, cookieValue: string | undefined): Promise<{ session: Session; user: User } | null> {
  if (!cookieValue || cookieValue.length > 128) return null;
  const session = await deps.stores.sessions.findLive(await sha256(cookieValue), deps.clock.now());
  if (!session) return null;
  const user = await deps.stores.users.findById(session.userId);
  return user && user.enabled ? { session, user } : null;
}

export async function endSession(deps: Pick<Deps, 'stores' | 'clock'>, cookieValue: string | undefined): Promise<void> {
  if (cookieValue) await deps.stores.sessions.revoke(await sha256(cookieValue), deps.clock.now());
}
