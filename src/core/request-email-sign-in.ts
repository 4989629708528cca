// CONTRACT (issue 3 implements): start an email sign-in — one mail with a magic link and a code.
import type { Deps } from './deps.ts';

export interface EmailSignInRequest {
  email: string;
  clientId: string;
  redirectUri?: string;
  state?: string;
  codeChallenge?: string;
  /** client IP, for the per-IP limit */
  ip: string;
  /** 'en' | 'fr', for the mail's language */
  locale?: string;
}

/**
 * Resolves the same way for known, unknown and disabled emails (no enumeration); the mail goes
 * through the outbox. Throws RateLimitedError, invalid_client, or invalid_request (unregistered redirect).
 */
export async function requestEmailSignIn(_deps: Deps, _input: EmailSignInRequest): Promise<void> {
  throw new Error('requestEmailSignIn: not implemented yet (issue 3)');
}
