// How recent a sign-in must be for a step that cannot be undone (deleting one's account): proof within minutes.
import type { Session } from '../ports/sessions.ts';

/** 5 minutes, as OWASP's re-authentication advice and the 10-minute passkey-registration window here suggest. */
export const RECENT_PROOF_MS = 5 * 60_000;

export const isRecentProof = (session: Session, now: number): boolean => now - session.createdAt <= RECENT_PROOF_MS;
