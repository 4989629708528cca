// Off the request path: decides whether a queued sign-in request gets a mail, and mints its link and code.
import type { Deps } from '../shared/deps.ts';
import type { SignInRequest } from '../ports/outbox.ts';
import type { User } from '../ports/users.ts';
import type { SignInMailInput } from '../ports/mail-templates.ts';
import { issueEmailChallenge } from './issue-email-challenge.ts';

export type ResolvedSignIn =
  | ({ mail: true; challengeId: string } & SignInMailInput)
  | { mail: false; reason: 'unknown_client' | 'disabled' | 'unknown_email' };

export async function resolveSignInRequest(deps: Deps, request: SignInRequest): Promise<ResolvedSignIn> {
  const email = request.emailNormalized;
  const client = await deps.stores.clients.findById(request.clientId);
  if (!client) return { mail: false, reason: 'unknown_client' };
  let user: User | null = await deps.stores.users.findByEmail(client.tenant, email);
  // Just-in-time import (SPEC §1): an address unknown here may still live in the Cognito pool.
  if (!user && deps.jitImport) user = await deps.jitImport(client.tenant, email);
  const audit = (type: string, detail: Record<string, unknown>) => deps.stores.audit.record(
    { type, tenant: client.tenant, clientId: client.id, userId: user?.id ?? null, ip: request.ip, detail: { email, ...detail } }, deps.clock.now());

  if (user && !user.enabled) {
    await audit('email.sign_in.skipped', { reason: 'disabled' });
    return { mail: false, reason: 'disabled' };
  }
  // CUTOVER_SELF_SIGNUP: a newcomer gets a mail; the account is created only once the address is proven.
  if (!user && !deps.config.selfSignup) {
    await audit('email.sign_in.skipped', { reason: 'unknown_email' });
    return { mail: false, reason: 'unknown_email' };
  }
  const issued = await issueEmailChallenge(deps, {
    tenant: client.tenant,
    clientId: client.id,
    emailNormalized: email,
    userId: user?.id ?? null,
    purpose: 'sign-in',
    redirectUri: request.redirectUri,
    state: request.state,
    codeChallenge: request.codeChallenge,
    scope: request.scope ?? null,
    nonce: request.nonce ?? null,
    linkTtlSeconds: deps.config.magicLinkTtl,
    codeTtlSeconds: deps.config.otpTtl,
  });
  await audit('email.sign_in.mailed', { challengeId: issued.id, newcomer: !user });
  return {
    mail: true, challengeId: issued.id, to: user?.email ?? email, url: issued.url, code: issued.code!,
    linkTtlSeconds: deps.config.magicLinkTtl, codeTtlSeconds: deps.config.otpTtl, locale: request.locale, newcomer: !user,
  };
}
