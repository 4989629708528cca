// Sends one claimed invitation and records what SES said: sent, retry later, failed for good, or unknown.
import type { Deps } from './deps.ts';
import { createSignInLink, type SignInLinkInput } from './create-sign-in-link.ts';
import { normalizeEmail } from './email.ts';
import { MailerError } from './ports/mailer.ts';
import type { Client } from './ports/clients.ts';
import type { ClaimRef, Invitation } from './ports/invitations.ts';
import { invitationLocale, renderInvitationEmail } from '../email/invitation-template.ts';

export type LinkMaker = (deps: Deps, input: SignInLinkInput) => Promise<{ url: string; expiresAt: number }>;

export interface SendInvitationOptions {
  /** Defaults to createSignInLink; tests may inject another link maker. */
  makeLink?: LinkMaker;
  /** Retryable refusals before the row is given up as failed. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Past this the outcome is unknown: SES may still take the request we stop waiting for. */
  sendTimeoutMs: number;
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'unknown' | 'lost';

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

const TIMED_OUT = Symbol('timed out');

export async function sendInvitation(deps: Deps, row: Invitation, client: Client, options: SendInvitationOptions): Promise<SendOutcome> {
  const store = deps.stores.invitations;
  const ref: ClaimRef = { batchId: row.batchId, userId: row.userId, attempts: row.attempts };
  const retryOrFail = async (reason: string): Promise<SendOutcome> => {
    if (row.attempts >= options.maxAttempts) {
      return (await store.markFailed(ref, `gave up after ${row.attempts} attempts: ${reason}`)) ? 'failed' : 'lost';
    }
    const at = deps.clock.now() + backoffMs(row.attempts, options.backoffBaseMs, options.backoffMaxMs);
    return (await store.retryLater(ref, at, reason)) ? 'retry' : 'lost';
  };

  const user = await deps.stores.users.findById(row.userId);
  // The snapshot is who we meant to invite; someone disabled or re-addressed since must not get the link.
  const changed = !user ? 'the user no longer exists' : !user.enabled ? 'the user is disabled'
    : !user.email || normalizeEmail(user.email) !== normalizeEmail(row.email) ? 'the user\'s email changed since the batch was created' : null;
  if (changed || !user) return (await store.markFailed(ref, changed ?? 'unknown user')) ? 'failed' : 'lost';

  let link: { url: string; expiresAt: number };
  try {
    link = await (options.makeLink ?? createSignInLink)(deps, { user, client, ttlSeconds: deps.config.invitationTtl, purpose: 'invite' });
  } catch (e) {
    // Nothing left the building: safe to try again later, up to maxAttempts.
    return retryOrFail(`could not create the sign-in link: ${(e as Error).message}`);
  }
  const message = renderInvitationEmail({
    to: row.email, url: link.url, expiresAt: link.expiresAt, brand: deps.config.brand,
    locale: invitationLocale(user.profile.locale), name: user.profile.given_name ?? user.profile.name,
  });

  const sending = deps.mailer.send(message);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), options.sendTimeoutMs)));
  try {
    const answer = await Promise.race([sending, timeout]);
    if (answer === TIMED_OUT) {
      // Should SES answer after all, record it: markSent also settles an `unknown` row of the same claim.
      sending.then(({ messageId }) => store.markSent(ref, messageId, deps.clock.now()), () => {}).catch(() => {});
      return (await store.markUnknown(ref, `no answer within ${options.sendTimeoutMs} ms`)) ? 'unknown' : 'lost';
    }
    return (await store.markSent(ref, answer.messageId, deps.clock.now())) ? 'sent' : 'lost';
  } catch (e) {
    if (e instanceof MailerError && e.outcome === 'refused') {
      // SES answered no: it certainly did not send. Retry only what may succeed later (throttling, 5xx).
      if (e.retryable) return retryOrFail(e.message);
      return (await store.markFailed(ref, e.message)) ? 'failed' : 'lost';
    }
    // A dropped connection or an unexpected error: SES may have sent it. Never resend by ourselves.
    return (await store.markUnknown(ref, (e as Error)?.message ?? String(e))) ? 'unknown' : 'lost';
  } finally {
    clearTimeout(timer);
  }
}
