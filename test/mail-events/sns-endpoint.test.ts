// POST /v1/ses/events over real HTTP: SNS signatures (v1 and v2) checked against a certificate served by a local host
// cutover is configured to trust, subscription confirmation, and every refusal the SPEC names (§13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { postToCutover, sesEventJson, startSnsStandIn, TOPIC_ARN, type SnsStandIn } from '../helpers/sns.ts';

let sns: SnsStandIn;
let untrusted: SnsStandIn;
let s: TestServer;

beforeAll(async () => {
  sns = await startSnsStandIn();
  untrusted = await startSnsStandIn();
  s = await startTestServer({ CUTOVER_SES_EVENTS_TOPIC_ARNS: TOPIC_ARN, CUTOVER_SNS_CERT_HOSTS: sns.origin, CUTOVER_SNS_MAX_AGE: '1h' });
});
afterAll(async () => {
  await s.close();
  await sns.close();
  await untrusted.close();
});

const refusal = async (res: Response) => ({ status: res.status, body: await res.json() });

describe('POST /v1/ses/events', () => {
  it('confirms a subscription by fetching its SubscribeURL on the trusted host (SignatureVersion 1, SHA1withRSA)', async () => {
    const subscribeUrl = `${sns.origin}/?Action=ConfirmSubscription&TopicArn=${TOPIC_ARN}&Token=tok123`;
    const msg = await sns.sign({ Type: 'SubscriptionConfirmation', Message: 'You have chosen to subscribe...', Token: 'tok123', SubscribeURL: subscribeUrl }, '1');
    const res = await postToCutover(s.url, msg);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, type: 'SubscriptionConfirmation' });
    expect(sns.requests).toContain(subscribeUrl.slice(sns.origin.length));
    expect(await s.deps.stores.audit.list({ type: 'ses.events.subscribed', limit: 5 })).toHaveLength(1);
  });

  it('records an SES event signed with SignatureVersion 2 (SHA256withRSA), fetching the certificate once', async () => {
    const before = sns.requests.filter((r) => r.endsWith('.pem')).length;
    for (const id of ['ses-1', 'ses-2']) {
      const res = await postToCutover(s.url, await sns.sesEvent(sesEventJson('Delivery', id, 'a@example.com', { delivery: { timestamp: new Date().toISOString() } })));
      expect(res.status).toBe(200);
      expect((await res.json()).event).toMatchObject({ changed: true });
      expect(await s.deps.stores.mailEvents.statusOf(id)).toMatchObject({ status: 'delivered', kind: 'other' });
    }
    // Cached: the second message did not fetch it again.
    expect(sns.requests.filter((r) => r.endsWith('.pem')).length - before).toBeLessThanOrEqual(1);
  });

  it('refuses a bad signature, an untrusted certificate host, a replay, a foreign topic, an old or unsigned message', async () => {
    const event = JSON.stringify(sesEventJson('Delivery', 'ses-x', 'x@example.com'));
    const good = await sns.sesEvent(JSON.parse(event));

    const tampered = { ...good, Message: event.replace('x@example.com', 'y@example.com') };
    expect(await refusal(await postToCutover(s.url, tampered))).toMatchObject({ status: 400, body: { error: 'invalid_request', message: expect.stringMatching(/^Signature/) } });

    // Signed by another key whose certificate sits on a host cutover does not trust: never fetched.
    const foreign = await untrusted.sesEvent(JSON.parse(event));
    expect(await refusal(await postToCutover(s.url, foreign))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^SigningCertURL/) } });
    expect(untrusted.requests).toEqual([]);
    // The trusted host's URL with the other key's signature: the signature does not match that certificate.
    const wrongKey = { ...foreign, SigningCertURL: sns.certUrl };
    expect((await postToCutover(s.url, wrongKey)).status).toBe(400);

    const otherTopic = await sns.sesEvent(JSON.parse(event), { TopicArn: 'arn:aws:sns:us-east-1:123456789012:someone-else' });
    expect(await refusal(await postToCutover(s.url, otherTopic))).toMatchObject({ status: 403, body: { message: expect.stringMatching(/^TopicArn/) } });

    const old = await sns.sesEvent(JSON.parse(event), { Timestamp: new Date(Date.now() - 2 * 3600_000).toISOString() });
    expect(await refusal(await postToCutover(s.url, old))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^Timestamp/) } });

    const { Signature: _, ...unsigned } = good;
    expect(await refusal(await postToCutover(s.url, unsigned as Record<string, string>))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^Signature/) } });

    expect((await postToCutover(s.url, good)).status).toBe(200);
    expect(await refusal(await postToCutover(s.url, good))).toMatchObject({ status: 409, body: { error: 'conflict', message: expect.stringMatching(/^MessageId/) } });
    // None of the refused ones left a trace: only the accepted message's status exists.
    expect(await s.deps.stores.mailEvents.statusOf('ses-x')).toMatchObject({ status: 'delivered' });
  });

  it('refuses a confirmation whose SubscribeURL is off the trusted hosts, without fetching it', async () => {
    const msg = await sns.sign({ Type: 'SubscriptionConfirmation', Message: 'subscribe', Token: 't', SubscribeURL: `${untrusted.origin}/?Action=ConfirmSubscription&Token=t` });
    expect(await refusal(await postToCutover(s.url, msg))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^SubscribeURL/) } });
    expect(untrusted.requests).toEqual([]);
    // Refused before it was recorded: SNS may deliver the same message again and be judged again.
    expect((await postToCutover(s.url, msg)).status).toBe(400);
  });

  it('answers malformed bodies with a 4xx naming the field', async () => {
    const post = (body: string) => fetch(`${s.url}/v1/ses/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(await refusal(await post('not json'))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await refusal(await post(JSON.stringify({ Type: 'Notification' })))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^MessageId/) } });
    const msg = await sns.sign({ Type: 'Notification', Message: 'not an SES event' });
    expect(await refusal(await postToCutover(s.url, msg))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^Message/) } });
  });
});
