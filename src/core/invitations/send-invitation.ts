// Sends claimed invitations and records what SES said: sent, retry later, failed for good, or unknown.
import type { Deps } from '../shared/deps.ts';
import { createSignInLinks, type SignInLinkInput } from '../sign-in/create-sign-in-link.ts';
import { normalizeEmail } from '../shared/email.ts';
import { MailerError, type MailMessage } from '../ports/mailer.ts';
import type { Client } from '../ports/clients.ts';
import type { ClaimRef, Invitation } from '../ports/invitations.ts';
import { localeOf } from '../shared/locale.ts';
import { backoffMs } from '../shared/backoff.ts';
import { newUnsubscribeToken, unsubscribeHeaders } from './unsubscribe-from-invitations.ts';

export type LinkMaker = (deps: Deps, inputs: SignInLinkInput[]) => Promise<Array<{ url: string; expiresAt: number }>>;

export interface SendInvitationOptions {
  /** Defaults to createSignInLinks; tests may inject another link maker. */
  makeLinks?: LinkMaker;
  /** Retryable refusals before the row is given up as failed. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Past this the outcome is unknown: SES may still take the request we stop waiting for. */
  sendTimeoutMs: number;
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'unknown' | 'lost' | 'suppressed';

/** A claimed row with its mail written, ready to go. */
export interface ReadyInvitation {
  row: Invitation;
  message: MailMessage;
}

const refOf = (row: Invitation): ClaimRef => ({ batchId: row.batchId, userId: row.userId, attempts: row.attempts });

async function retryOrFail(deps: Deps, row: Invitation, options: SendInvitationOptions, reason: string): Promise<SendOutcome> {
  const store = deps.stores.invitations;
  if (row.attempts >= options.maxAttempts) {
    return (await store.markFailed(refOf(row), `gave up after ${row.attempts} attempts: ${reason}`)) ? 'failed' : 'lost';
  }
  const at = deps.clock.now() + backoffMs(row.attempts, options.backoffBaseMs, options.backoffMaxMs);
  return (await store.retryLater(refOf(row), at, reason)) ? 'retry' : 'lost';
}

/**
 * Writes the mails of a claimed chunk: its people in one query, their links in one write. Rows that must not be
 * sent are settled here (their outcomes are returned); nothing has left the building yet.
 */
export async function prepareInvitations(
  deps: Deps, claimed: Array<{ row: Invitation; client: Client | null }>, options: SendInvitationOptions,
): Promise<{ ready: ReadyInvitation[]; settled: SendOutcome[] }> {
  const store = deps.stores.invitations;
  const people = new Map((await deps.stores.users.findByIds(claimed.map((c) => c.row.userId))).map((u) => [u.id, u]));
  const settled: SendOutcome[] = [];
  const fail = async (row: Invitation, reason: string) => settled.push((await store.markFailed(refOf(row), reason)) ? 'failed' : 'lost');
  let toLink: Array<SignInLinkInput & { row: Invitation }> = [];
  for (const { row, client } of claimed) {
    const user = people.get(row.userId);
    // The snapshot is who we meant to invite; someone disabled or re-addressed since must not get the link.
    const changed = !client ? 'the batch\'s client no longer exists' : !user ? 'the user no longer exists' : !user.enabled ? 'the user is disabled'
      : !user.email || normalizeEmail(user.email) !== normalizeEmail(row.email) ? 'the user\'s email changed since the batch was created' : null;
    if (changed || !user || !client) await fail(row, changed ?? 'unknown user');
    else toLink.push({ row, user, client, ttlSeconds: deps.config.invitationTtl, purpose: 'invite' });
  }
  // A bounce, complaint or unsubscribe since the batch was made: that address gets no invitation (SPEC §13).
  const suppressed = await deps.stores.suppressions.suppressedAmong([...new Set(toLink.map(({ row }) => normalizeEmail(row.email)))]);
  for (const { row } of toLink.filter(({ row }) => suppressed.has(normalizeEmail(row.email)))) {
    settled.push((await store.markSuppressed(refOf(row), 'the address is suppressed (bounce, complaint or unsubscribe)')) ? 'suppressed' : 'lost');
  }
  toLink = toLink.filter(({ row }) => !suppressed.has(normalizeEmail(row.email)));
  if (toLink.length === 0) return { ready: [], settled };
  let links: Array<{ url: string; expiresAt: number }>;
  let unsubscribe: Array<{ token: string; hash: string }>;
  try {
    links = await (options.makeLinks ?? createSignInLinks)(deps, toLink);
    // Each mail gets its own one-click unsubscribe token; only hashes are kept, in one write for the chunk.
    unsubscribe = await Promise.all(toLink.map(() => newUnsubscribeToken()));
    await store.setUnsubscribeHashes(toLink.map(({ row }, i) => ({ ...refOf(row), hash: unsubscribe[i].hash })));
  } catch (e) {
    // Nothing left the building: safe to try again later, up to maxAttempts.
    for (const { row } of toLink) settled.push(await retryOrFail(deps, row, options, `could not create the sign-in link: ${(e as Error).message}`));
    return { ready: [], settled };
  }
  const ready = toLink.map(({ row, user }, i) => ({
    row,
    message: {
      ...deps.templates.invitation({
        to: row.email, url: links[i]!.url, expiresAt: links[i]!.expiresAt,
        locale: localeOf(user.profile.locale), name: user.profile.given_name ?? user.profile.name,
      }),
      headers: unsubscribeHeaders(deps.config.issuer, unsubscribe[i].token),
    },
  }));
  return { ready, settled };
}

const TIMED_OUT = Symbol('timed out');

/** Sends one prepared invitation. The row stays `sending` until SES's answer is written (markSent: only while the claim is ours). */
export async function sendInvitation(deps: Deps, { row, message }: ReadyInvitation, options: SendInvitationOptions): Promise<SendOutcome> {
  const store = deps.stores.invitations;
  const ref = refOf(row);
  const sending = deps.mailer.send(message);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), options.sendTimeoutMs)));
  try {
    const answer = await Promise.race([sending, timeout]);
    if (answer === TIMED_OUT) {
      // Should SES answer after all, record it: markSent also settles an `unknown` row of the same claim.
      sending.then(({ messageId }) => store.markSent(ref, messageId, deps.clock.now()), () => {}).catch(() => {});
      return (await store.markUnknown(ref, `no answer within ${options.sendTimeoutMs} ms`, deps.clock.now())) ? 'unknown' : 'lost';
    }
    return (await store.markSent(ref, answer.messageId, deps.clock.now())) ? 'sent' : 'lost';
  } catch (e) {
    if (e instanceof MailerError && e.outcome === 'refused') {
      // SES answered no: it certainly did not send. Retry only what may succeed later (throttling, 5xx).
      if (e.retryable) return retryOrFail(deps, row, options, e.message);
      return (await store.markFailed(ref, e.message)) ? 'failed' : 'lost';
    }
    // A dropped connection or an unexpected error: SES may have sent it. Never resend by ourselves.
    return (await store.markUnknown(ref, (e as Error)?.message ?? String(e), deps.clock.now())) ? 'unknown' : 'lost';
  } finally {
    clearTimeout(timer);
  }
}
