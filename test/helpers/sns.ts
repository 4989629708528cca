// A stand-in for Amazon SNS's side of an HTTPS subscription: a certificate host (real HTTP), a signing key, signed messages.
import { createServer, type Server } from 'node:http';
import * as x509 from '@peculiar/x509';
import { freePort } from './app.ts';

export const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:ses-events';

export interface SnsStandIn {
  /** http://127.0.0.1:PORT: what CUTOVER_SNS_CERT_HOSTS names in tests */
  origin: string;
  certUrl: string;
  /** GET requests the host answered (certificate fetches, subscription confirmations) */
  requests: string[];
  /** A delivery as SNS would post it, signed with this host's key (SignatureVersion 1 or 2). */
  sign(fields: SnsFields, version?: '1' | '2'): Promise<Record<string, string>>;
  /** An SES event notification for `messageId`, signed. */
  sesEvent(event: Record<string, unknown>, over?: Partial<SnsFields>): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export interface SnsFields {
  Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  Message: string;
  MessageId?: string;
  TopicArn?: string;
  Timestamp?: string;
  Subject?: string;
  Token?: string;
  SubscribeURL?: string;
  SigningCertURL?: string;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

function stringToSign(m: Record<string, string>): string {
  const keys = m.Type === 'Notification'
    ? ['Message', 'MessageId', ...('Subject' in m ? ['Subject'] : []), 'Timestamp', 'TopicArn', 'Type']
    : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return keys.map((k) => `${k}\n${m[k]}\n`).join('');
}

export async function startSnsStandIn(): Promise<SnsStandIn> {
  const keys = await crypto.subtle.generateKey({ ...RSA, hash: 'SHA-256' }, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=sns.us-east-1.amazonaws.com', notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 86_400_000), signingAlgorithm: { ...RSA, hash: 'SHA-256' }, keys,
  });
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  const signers = {
    '1': await crypto.subtle.importKey('pkcs8', pkcs8, { name: RSA.name, hash: 'SHA-1' }, false, ['sign']),
    '2': keys.privateKey,
  };
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/SimpleNotificationService-test.pem') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' });
      return res.end(cert.toString('pem'));
    }
    if (req.url?.startsWith('/?Action=ConfirmSubscription')) {
      res.writeHead(200, { 'content-type': 'text/xml' });
      return res.end('<ConfirmSubscriptionResponse/>');
    }
    res.writeHead(404).end();
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${port}`;
  const certUrl = `${origin}/SimpleNotificationService-test.pem`;

  const sign: SnsStandIn['sign'] = async (fields, version = '2') => {
    const m: Record<string, string> = {
      MessageId: crypto.randomUUID(), TopicArn: TOPIC_ARN, Timestamp: new Date().toISOString(), SigningCertURL: certUrl,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>,
      SignatureVersion: version,
    };
    const sig = await crypto.subtle.sign(RSA.name, signers[version], new TextEncoder().encode(stringToSign(m)));
    return { ...m, Signature: Buffer.from(sig).toString('base64') };
  };
  return {
    origin, certUrl, requests, sign,
    sesEvent: (event, over = {}) => sign({ Type: 'Notification', Message: JSON.stringify(event), ...over }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** SES event publishing's JSON for one mail (SES developer guide, "Examples of event data"). */
export function sesEventJson(eventType: string, messageId: string, to: string, extra: Record<string, unknown> = {}) {
  return { eventType, mail: { timestamp: new Date().toISOString(), source: 'team@example.com', messageId, destination: [to] }, ...extra };
}

export const bounce = (messageId: string, to: string, bounceType = 'Permanent', bounceSubType = 'General') =>
  sesEventJson('Bounce', messageId, to, { bounce: { bounceType, bounceSubType, bouncedRecipients: [{ emailAddress: to }], timestamp: new Date().toISOString() } });
export const complaint = (messageId: string, to: string) =>
  sesEventJson('Complaint', messageId, to, { complaint: { complainedRecipients: [{ emailAddress: to }], timestamp: new Date().toISOString() } });
export const delivery = (messageId: string, to: string) =>
  sesEventJson('Delivery', messageId, to, { delivery: { recipients: [to], timestamp: new Date().toISOString() } });

/** Posts a delivery to cutover the way SNS does: JSON as text/plain, with the message-type header. */
export function postToCutover(url: string, message: Record<string, string>) {
  return fetch(`${url}/v1/ses/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': message.Type, 'x-amz-sns-message-id': message.MessageId },
    body: JSON.stringify(message),
  });
}

/** The same SES event as EventBridge routes it (SES developer guide, "Monitoring with Amazon EventBridge"). */
export function eventBridgeEnvelope(sesEvent: { eventType: string } & Record<string, unknown>) {
  const detailType: Record<string, string> = {
    Send: 'Email Sent', Delivery: 'Email Delivered', Bounce: 'Email Bounced', Complaint: 'Email Complaint Received',
    Reject: 'Email Rejected', DeliveryDelay: 'Email Delivery Delayed',
  };
  return {
    version: '0', id: crypto.randomUUID(), 'detail-type': detailType[sesEvent.eventType] ?? sesEvent.eventType, source: 'aws.ses',
    account: '123456789012', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: sesEvent,
  };
}

/** Posts an EventBridge event to cutover the way an API destination does: JSON, with the connection's API key header. */
export function postEventBridge(url: string, event: unknown, secret?: string) {
  return fetch(`${url}/v1/ses/eventbridge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(secret !== undefined ? { 'x-cutover-events-secret': secret } : {}) },
    body: typeof event === 'string' ? event : JSON.stringify(event),
  });
}
