// Routes that bring SES events (SPEC §13): the Amazon SNS HTTPS subscription (POST /v1/ses/events) and an Amazon
// EventBridge API destination (POST /v1/ses/eventbridge).
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { InvalidRequestError } from '../../core/shared/errors.ts';
import { createSnsVerifier } from '../../core/mail-events/verify-sns-signature.ts';
import { ingestSnsMessage } from '../../core/mail-events/ingest-sns-message.ts';
import { bodyText } from '../request-body.ts';
import { authenticateEventBridge, ingestEventBridgeEvent } from '../../core/mail-events/ingest-eventbridge-event.ts';

/** The header an EventBridge connection with API key authorization sends (its "API key name"). */
export const EVENTBRIDGE_SECRET_HEADER = 'x-cutover-events-secret';

async function jsonBody(text: Promise<string>): Promise<unknown> {
  // Read outside the try: a body over the limit is a 413, not bad JSON.
  const raw = await text;
  try {
    return JSON.parse(raw);
  } catch {
    throw new InvalidRequestError('body is not valid JSON');
  }
}

export function sesEventRoutes(deps: Deps) {
  const app = new Hono();
  // One verifier per app: it caches the signing certificates it fetched.
  const verifier = createSnsVerifier({ allowedOrigins: deps.config.sesEvents.certHosts, now: () => deps.clock.now() });

  app.post('/v1/ses/events', async (c) => {
    // SNS posts JSON as text/plain; charset=UTF-8, so the body is read as text whatever its type says.
    const body = await jsonBody(bodyText(c));
    const header = c.req.header('x-amz-sns-message-type');
    const type = (body as { Type?: unknown } | null)?.Type;
    if (header && header !== type) throw new InvalidRequestError('Type: does not match the x-amz-sns-message-type header', 'Type');
    const result = await ingestSnsMessage(deps, verifier, body);
    return c.json({ ok: true, type: result.type, ...(result.event !== undefined ? { event: result.event } : {}) });
  });

  app.post('/v1/ses/eventbridge', async (c) => {
    // The secret before the body: an unauthenticated caller learns nothing about what would be accepted.
    await authenticateEventBridge(deps, c.req.header(EVENTBRIDGE_SECRET_HEADER));
    const event = await ingestEventBridgeEvent(deps, await jsonBody(bodyText(c)));
    return c.json({ ok: true, event });
  });
  return app;
}
