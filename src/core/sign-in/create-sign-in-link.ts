// CONTRACT (issue 3): a sign-in link for a known user (invitations use it, with a 7-day life).
import type { Deps } from '../shared/deps.ts';
import type { Client } from '../ports/clients.ts';
import type { User } from '../ports/users.ts';
import { requireRegisteredRedirect } from '../clients/clients.ts';
import { normalizeEmail } from '../shared/email.ts';
import { issueEmailChallenge, issueEmailChallenges, type ChallengeInput } from './issue-email-challenge.ts';

export interface SignInLinkInput {
  user: User;
  client: Client;
  /** must be registered for the client; defaults to its first one (`<issuer>/account` for `account`) */
  redirectUri?: string;
  ttlSeconds: number;
  purpose: 'sign-in' | 'invite';
  state?: string;
}

function challengeInput(input: SignInLinkInput): ChallengeInput {
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds <= 0) throw new TypeError('"ttlSeconds" must be a positive integer');
  if (!input.user.email) throw new TypeError('"user.email" is required: a sign-in link is mailed');
  if (input.user.tenant !== input.client.tenant) throw new TypeError('"client" must belong to the user\'s tenant');
  return {
    tenant: input.client.tenant,
    clientId: input.client.id,
    emailNormalized: normalizeEmail(input.user.email),
    userId: input.user.id,
    purpose: input.purpose,
    redirectUri: requireRegisteredRedirect(input.client, input.redirectUri),
    state: input.state ?? null,
    codeChallenge: null,
    linkTtlSeconds: input.ttlSeconds,
    codeTtlSeconds: null,
  };
}

/** Returns the URL to mail (built from CUTOVER_ISSUER) and when it expires; the token is stored hashed. */
export async function createSignInLink(deps: Deps, input: SignInLinkInput): Promise<{ url: string; expiresAt: number }> {
  const issued = await issueEmailChallenge(deps, challengeInput(input));
  return { url: issued.url, expiresAt: issued.linkExpiresAt };
}

/** createSignInLink for many people, stored in one write (an invitation sender's chunk). */
export async function createSignInLinks(deps: Deps, inputs: SignInLinkInput[]): Promise<Array<{ url: string; expiresAt: number }>> {
  const issued = await issueEmailChallenges(deps, inputs.map(challengeInput));
  return issued.map((i) => ({ url: i.url, expiresAt: i.linkExpiresAt }));
}
