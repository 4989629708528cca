// CONTRACT (issue 3 implements): a sign-in link for a known user (invitations use it, with a 7-day life).
import type { Deps } from './deps.ts';
import type { Client } from './ports/clients.ts';
import type { User } from './ports/users.ts';

export interface SignInLinkInput {
  user: User;
  client: Client;
  redirectUri?: string;
  ttlSeconds: number;
  purpose: 'sign-in' | 'invite';
}

/** Returns the URL to mail (built from CUTOVER_ISSUER) and when it expires; the token is stored hashed. */
export async function createSignInLink(_deps: Deps, _input: SignInLinkInput): Promise<{ url: string; expiresAt: number }> {
  throw new Error('createSignInLink: not implemented yet (issue 3)');
}
