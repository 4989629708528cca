// Takes one SES event routed through Amazon EventBridge (issue 17): the EventBridge envelope (`source: aws.ses`,
// `detail-type`, `detail` = the SES event) into the same recordSesEvent path as SNS deliveries.
import { z } from 'zod';
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { constantTimeEqual, sha256 } from '../shared/crypto.ts';
import { parseInput } from '../shared/input.ts';
import { parseSesEvent } from './parse-ses-event.ts';
import { recordSesEvent, type RecordedEvent } from './record-ses-event.ts';

/** The envelope EventBridge puts around every event ("Amazon EventBridge events", event structure reference). */
const eventBridgeEnvelopeSchema = z.object({
  id: z.string().min(1).max(256),
  'detail-type': z.string().min(1).max(128),
  source: z.literal('aws.ses', 'must be "aws.ses" (an SES event)'),
  time: z.string().max(64).optional(),
  detail: z.record(z.string(), z.unknown()),
});

/**
 * Checks the secret an EventBridge API destination's connection sends (API key authorization) against
 * CUTOVER_SES_EVENTBRIDGE_SECRET. Both are hashed first, so the comparison takes the same time whatever was sent.
 */
export async function authenticateEventBridge(deps: Pick<Deps, 'config'>, presented: string | undefined): Promise<void> {
  const secret = deps.config.sesEvents.eventBridgeSecret;
  if (!secret) throw new AuthError('not_found', 'SES events through EventBridge are not configured (CUTOVER_SES_EVENTBRIDGE_SECRET)');
  if (!presented || !constantTimeEqual(await sha256(presented), await sha256(secret))) {
    throw new AuthError('unauthorized', 'the EventBridge secret header is missing or wrong');
  }
}

/**
 * Records one event from an already authenticated caller (the HTTP route after `authenticateEventBridge`, or a Lambda
 * that EventBridge invokes under IAM). EventBridge delivers at least once; a repeated event changes nothing, since a
 * status never moves to one of lower or equal rank. Null: an SES event kind cutover does not track (Open, Click, ...).
 */
export async function ingestEventBridgeEvent(deps: Deps, body: unknown): Promise<RecordedEvent | null> {
  const envelope = parseInput(eventBridgeEnvelopeSchema, body);
  const event = parseSesEvent(envelope.detail, deps.clock.now(), 'detail');
  return event ? recordSesEvent(deps, event) : null;
}
