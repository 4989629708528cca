// Who an upstream identity is here (SPEC §10): a linked identity signs its person in; an email match only starts a
// pending link the person must confirm by another way in (never for SAML); otherwise a new person, if sign-up is open.
import type { Deps } from '../shared/deps.ts';
import type { Client } from '../ports/clients.ts';
import type { FederatedRequest, Provider } from '../ports/federation.ts';
import type { User } from '../ports/users.ts';
import type { SignInResult } from '../sign-in/sign-in-result.ts';
import { AuthError } from '../shared/errors.ts';
import { newUserId, randomToken, sha256 } from '../shared/crypto.ts';
import { normalizeEmail } from '../shared/email.ts';
import { canUseNonEmailSignIn } from '../sign-in/non-email-sign-in.ts';
import { cognitoIdentity } from './cognito-identity.ts';
import type { UpstreamIdentity } from './upstream-identity.ts';

/** How long a pending link waits for its person to prove the account. */
export const PENDING_LINK_TTL_MS = 15 * 60_000;

export type FederatedOutcome =
  | { kind: 'signed_in'; result: SignInResult }
  | { kind: 'link_pending'; email: string; providerLabel: string; pendingToken: string; request: FederatedRequest };

export async function resolveFederatedIdentity(deps: Deps, input: {
  provider: Provider; client: Client; request: FederatedRequest; identity: UpstreamIdentity; ip: string;
}): Promise<FederatedOutcome> {
  const { provider, client, request, identity } = input;
  const tenant = provider.tenant;
  const now = deps.clock.now();
  const audit = (type: string, userId: string | null, detail: Record<string, unknown> = {}) => deps.stores.audit.record(
    { type, tenant, clientId: client.id, userId, ip: input.ip, detail: { provider: provider.name, ...detail } }, now);
  const refuse = async (reason: string, message: string, userId: string | null = null): Promise<never> => {
    await audit('federated.sign_in.failed', userId, { reason });
    throw new AuthError('invalid_grant', message);
  };
  const signIn = async (user: User): Promise<FederatedOutcome> => {
    const proven = identity.emailProven && user.email !== null && normalizeEmail(identity.email!) === normalizeEmail(user.email);
    const signedIn = await deps.stores.users.recordSignIn(user.id, now, proven);
    if (!signedIn) return refuse('disabled', 'this account cannot sign in', user.id);
    await deps.stores.federation.markUsed(tenant, provider.name, identity.subject, now);
    await audit('federated.sign_in.succeeded', user.id, { emailProven: proven });
    return {
      kind: 'signed_in',
      result: {
        user: signedIn, client, amr: ['fed'], authTime: Math.floor(now / 1000), redirectUri: request.redirectUri,
        state: request.state, codeChallenge: request.codeChallenge, scope: request.scope, nonce: request.nonce,
      },
    };
  };

  const link = await deps.stores.federation.findLink(tenant, provider.name, identity.subject);
  if (link && link.status !== 'pending') {
    const user = await deps.stores.users.findById(link.userId);
    if (!user || !user.enabled) return refuse('disabled', 'this account cannot sign in', link.userId);
    // Imported from a Cognito user whose email was never verified: whoever registered that address in Cognito may not
    // be its owner, so the link opens nothing until the address is proven (canUseNonEmailSignIn's rule).
    if (!canUseNonEmailSignIn(user)) {
      return refuse('email_unproven', 'this account must first confirm its email: sign in once with an emailed code or link', user.id);
    }
    if (link.status === 'untrusted') await deps.stores.federation.trustLinks(user.id, now);
    return signIn(user);
  }

  const match = identity.email ? await deps.stores.users.findByEmail(tenant, normalizeEmail(identity.email)) : null;
  if (match) {
    // Never linked by email alone: the person proves the account once by another way in, in this browser.
    if (provider.type === 'saml') {
      return refuse('saml_email_match', 'an account with this email exists but is not linked to this SAML provider; ask an administrator', match.id);
    }
    const pendingToken = randomToken();
    await deps.stores.federation.putPendingLink(
      { tenant, provider: provider.name, subject: identity.subject, userId: match.id, email: identity.email, createdAt: now },
      await sha256(pendingToken), now + PENDING_LINK_TTL_MS, now);
    await audit('federated.link.pending', match.id);
    return { kind: 'link_pending', email: match.email!, providerLabel: provider.settings.label ?? provider.name, pendingToken, request };
  }

  if (!deps.config.selfSignup) return refuse('no_account', 'no account is linked to this sign-in, and sign-up is closed');
  // An unproven address is not kept as the account's email: whoever owns it could otherwise prove it later and
  // inherit an account someone else's upstream identity also opens.
  const user = await deps.stores.users.insert({
    id: newUserId(), tenant, email: identity.emailProven ? identity.email : null, emailVerified: identity.emailProven,
    freshlyMigrated: false, profile: identity.profile, identities: [cognitoIdentity(provider.name, provider.type, identity.subject, now)],
  }, now);
  if (!user) return refuse('email_taken', 'an account with this email was created meanwhile; sign in again');
  const linked = await deps.stores.federation.addLink(
    { tenant, provider: provider.name, subject: identity.subject, userId: user.id, status: 'active', email: identity.email, createdAt: now },
    cognitoIdentity(provider.name, provider.type, identity.subject, now), now);
  if (!linked) return refuse('link_taken', 'this identity was linked meanwhile; sign in again');
  await audit('user.signed_up', user.id, { via: 'federated' });
  return signIn(user);
}
