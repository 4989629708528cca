// Records one SES event: the mail's status, suppression of a dead or complaining address, and the campaign guard.
import type { Deps } from '../shared/deps.ts';
import type { SesEvent } from './parse-ses-event.ts';
import type { RecordedStatus } from '../ports/mail-events.ts';
import { pauseUnsafeCampaign } from '../invitations/pause-unsafe-campaign.ts';

export interface RecordedEvent {
  /** false for an event that brought no news (a duplicate, or older than what is known) */
  changed: boolean;
  kind: string;
  suppressed: string[];
  paused: boolean;
}

export async function recordSesEvent(deps: Deps, event: SesEvent): Promise<RecordedEvent> {
  return actOnSesEvent(deps, event, await deps.stores.mailEvents.recordStatus(event, deps.clock.now()));
}

/** What follows a recorded status (whichever way it was written): suppression, and the campaign guard. */
export async function actOnSesEvent(deps: Deps, event: SesEvent, { changed, batchId, kind }: RecordedStatus): Promise<RecordedEvent> {
  const now = deps.clock.now();
  // Suppression does not wait on `changed`: a repeated bounce adds nothing (the insert ignores known addresses).
  const suppressed = event.suppressReason
    ? await deps.stores.suppressions.suppress(event.suppress.map((email) => ({
      email, reason: event.suppressReason!, messageId: event.messageId, detail: event.detail,
    })), now)
    : [];
  if (suppressed.length > 0) {
    await deps.stores.audit.record({ type: 'mail.suppressed', detail: { emails: suppressed, reason: event.suppressReason, messageId: event.messageId } }, now);
  }
  const bad = event.status === 'bounced' || event.status === 'complained';
  const paused = changed && bad && batchId !== null ? await pauseUnsafeCampaign(deps, batchId) : false;
  return { changed, kind, suppressed, paused };
}
