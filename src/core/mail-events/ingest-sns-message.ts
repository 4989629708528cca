// Takes one SNS delivery (SPEC §13): topic, signature, age and replay checks, then a confirmation or an SES event.
import type { Deps } from '../shared/deps.ts';
import { AuthError, InvalidRequestError } from '../shared/errors.ts';
import { parseSnsMessage } from './sns-message.ts';
import type { SnsVerifier } from './verify-sns-signature.ts';
import type { SnsMessageRef } from '../ports/mail-events.ts';
import { parseSesEvent } from './parse-ses-event.ts';
import { actOnSesEvent, type RecordedEvent } from './record-ses-event.ts';

/** SNS and cutover clocks may differ a little; a Timestamp further ahead than this is not believed. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface IngestResult {
  type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  /** for a notification: what the event changed (null: an event kind cutover does not track) */
  event?: RecordedEvent | null;
}

export async function ingestSnsMessage(deps: Deps, verifier: SnsVerifier, body: unknown): Promise<IngestResult> {
  const m = parseSnsMessage(body);
  // The topic first: a message for another topic costs no certificate fetch.
  if (!deps.config.sesEvents.topicArns.includes(m.TopicArn)) throw new AuthError('forbidden', 'TopicArn: not a configured SES events topic');
  await verifier.verify(m);
  const now = deps.clock.now();
  const sentAt = Date.parse(m.Timestamp);
  if (now - sentAt > deps.config.sesEvents.maxAgeSeconds * 1000) throw new InvalidRequestError('Timestamp: the message is too old (replay?)', 'Timestamp');
  if (sentAt - now > CLOCK_SKEW_MS) throw new InvalidRequestError('Timestamp: the message is from the future', 'Timestamp');
  // Replays are known by MessageId and the signed Timestamp together (a retry from SNS carries both unchanged).
  const ref: SnsMessageRef = { messageId: m.MessageId, sentAt };
  if (m.Type === 'Notification') return { type: m.Type, event: await takeNotification(deps, ref, m.Message, now) };
  // After the signature: only SNS can spend a MessageId, so nobody can block a real message by sending its id first.
  if (!(await deps.stores.mailEvents.claimSnsMessage(ref))) throw replayed();
  try {
    if (m.Type === 'SubscriptionConfirmation') {
      if (!m.SubscribeURL) throw new InvalidRequestError('SubscribeURL: required for a subscription confirmation', 'SubscribeURL');
      await verifier.confirmSubscription(m.SubscribeURL);
      await deps.stores.audit.record({ type: 'ses.events.subscribed', detail: { topicArn: m.TopicArn } }, now);
    } else {
      await deps.stores.audit.record({ type: 'ses.events.unsubscribed', detail: { topicArn: m.TopicArn } }, now);
    }
    return { type: m.Type };
  } catch (e) {
    // Not done: SNS's next delivery of this message must be taken, not refused as a replay.
    await deps.stores.mailEvents.releaseSnsMessage(ref);
    throw e;
  }
}

const replayed = () => new AuthError('conflict', 'MessageId: already received (replay)');

/**
 * A notification: the SES event is read first (a bad one spends nothing), then its MessageId is taken and its status
 * recorded in one store call, which writes the notifications that arrive together in one statement each.
 */
async function takeNotification(deps: Deps, ref: SnsMessageRef, message: string, now: number): Promise<RecordedEvent | null> {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    throw new InvalidRequestError('Message: is not an SES event (not JSON)', 'Message');
  }
  const event = parseSesEvent(json, now);
  const taken = await deps.stores.mailEvents.takeSnsNotification(ref, now, event);
  if (!taken) throw replayed();
  if (!event || !taken.recorded) return null;
  try {
    return await actOnSesEvent(deps, event, taken.recorded);
  } catch (e) {
    // The status is kept (a retry finds it known); the suppression and the guard run again on SNS's next delivery.
    await deps.stores.mailEvents.releaseSnsMessage(ref);
    throw e;
  }
}
