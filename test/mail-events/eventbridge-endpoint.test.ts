// POST /v1/ses/eventbridge over real HTTP (issue 17): SES events routed through an EventBridge API destination reach
// the same recording as SNS deliveries; the connection's secret header is required; bad envelopes name the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { bounce, delivery, eventBridgeEnvelope, postEventBridge, sesEventJson } from '../helpers/sns.ts';

const SECRET = 'an-eventbridge-connection-api-key-value-0123';
let s: TestServer;
let off: TestServer;
beforeAll(async () => {
  [s, off] = await Promise.all([startTestServer({ CUTOVER_SES_EVENTBRIDGE_SECRET: SECRET }), startTestServer({})]);
});
afterAll(async () => {
  await Promise.all([s.close(), off.close()]);
});

const answer = async (res: Response) => ({ status: res.status, body: await res.json() });

describe('POST /v1/ses/eventbridge', () => {
  it('records a delivery and a permanent bounce (which suppresses), and takes a repeated event as no news', async () => {
    const ok = await answer(await postEventBridge(s.url, eventBridgeEnvelope(delivery('eb-1', 'eb1@example.com')), SECRET));
    expect(ok).toMatchObject({ status: 200, body: { ok: true, event: { changed: true, kind: 'other' } } });
    expect(await s.deps.stores.mailEvents.statusOf('eb-1')).toMatchObject({ status: 'delivered' });

    const bounced = eventBridgeEnvelope(bounce('eb-2', 'Eb2@Example.com'));
    expect(await answer(await postEventBridge(s.url, bounced, SECRET))).toMatchObject({ status: 200, body: { event: { changed: true, suppressed: ['eb2@example.com'] } } });
    // EventBridge delivers at least once: the same event again changes nothing.
    expect(await answer(await postEventBridge(s.url, bounced, SECRET))).toMatchObject({ status: 200, body: { event: { changed: false, suppressed: [] } } });
    expect(await s.deps.stores.suppressions.suppressedAmong(['eb2@example.com'])).toEqual(new Set(['eb2@example.com']));
    // An event kind cutover does not track is taken and ignored.
    expect(await answer(await postEventBridge(s.url, eventBridgeEnvelope(sesEventJson('Open', 'eb-3', 'x@example.com')), SECRET)))
      .toMatchObject({ status: 200, body: { event: null } });
  });

  it('refuses a missing or wrong secret (401), and answers 404 where EventBridge is not configured', async () => {
    const event = eventBridgeEnvelope(delivery('eb-4', 'eb4@example.com'));
    expect((await postEventBridge(s.url, event)).status).toBe(401);
    expect((await postEventBridge(s.url, event, `${SECRET}x`)).status).toBe(401);
    expect((await postEventBridge(s.url, event, SECRET.slice(0, -1))).status).toBe(401);
    expect(await s.deps.stores.mailEvents.statusOf('eb-4')).toBeNull();
    expect((await postEventBridge(off.url, event, SECRET)).status).toBe(404);
  });

  it('names the field of a bad envelope or event, and records nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{not json', /^body is not valid JSON/],
      [{ ...eventBridgeEnvelope(delivery('eb-5', 'a@example.com')), source: 'aws.ec2' }, /^source: must be "aws.ses"/],
      [{ ...eventBridgeEnvelope(delivery('eb-5', 'a@example.com')), detail: 'x' }, /^detail/],
      [{ ...eventBridgeEnvelope(delivery('eb-5', 'a@example.com')), id: undefined }, /^id/],
      [eventBridgeEnvelope(sesEventJson('Bounce', 'eb-5', 'a@example.com')), /^detail\.bounce: required/],
      [eventBridgeEnvelope({ eventType: 'Delivery', mail: {} }), /^detail\.mail\.messageId/],
    ];
    for (const [body, message] of cases) {
      const res = await answer(await postEventBridge(s.url, body, SECRET));
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    expect(await s.deps.stores.mailEvents.statusOf('eb-5')).toBeNull();
  });
});
