// Routes: the Amazon SNS HTTPS subscription that brings SES events (SPEC §13): POST /v1/ses/events.
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { InvalidRequestError } from '../../core/shared/errors.ts';
import { createSnsVerifier } from '../../core/mail-events/verify-sns-signature.ts';
import { ingestSnsMessage } from '../../core/mail-events/ingest-sns-message.ts';
import { bodyText } from '../request-body.ts';

export function sesEventRoutes(deps: Deps) {
  const app = new Hono();
  // One verifier per app: it caches the signing certificates it fetched.
  const verifier = createSnsVerifier({ allowedOrigins: deps.config.sesEvents.certHosts, now: () => deps.clock.now() });

  app.post('/v1/ses/events', async (c) => {
    // SNS posts JSON as text/plain; charset=UTF-8, so the body is read as text whatever its type says.
    let body: unknown;
    try {
      body = JSON.parse(await bodyText(c));
    } catch {
      throw new InvalidRequestError('body is not valid JSON');
    }
    const header = c.req.header('x-amz-sns-message-type');
    const type = (body as { Type?: unknown } | null)?.Type;
    if (header && header !== type) throw new InvalidRequestError('Type: does not match the x-amz-sns-message-type header', 'Type');
    const result = await ingestSnsMessage(deps, verifier, body);
    return c.json({ ok: true, type: result.type, ...(result.event !== undefined ? { event: result.event } : {}) });
  });
  return app;
}
