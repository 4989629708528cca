// An Amazon SNS HTTP(S) delivery: its JSON shape and the exact text its signature covers.
import { z } from 'zod';
import { parseInput } from '../shared/input.ts';
import { acceptedBefore, isOptionalText, isRecord, isText } from './quick-checks.ts';

const text = (max: number) => z.string().min(1).max(max);
const BASE64 = /^[A-Za-z0-9+/=]+$/;
const timestamp = z.iso.datetime({ offset: true });
const certUrl = z.url().max(2048);
const otherUrl = z.url().max(4096);

/** The fields SNS posts (SNS developer guide, "Parsing message formats"); anything else is ignored. */
export const snsMessageSchema = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  MessageId: text(128),
  TopicArn: text(512),
  Message: z.string().max(256 * 1024),
  Timestamp: timestamp,
  SignatureVersion: z.enum(['1', '2']),
  Signature: z.string().min(1).max(2048).regex(BASE64, 'must be base64'),
  SigningCertURL: certUrl,
  Subject: z.string().max(512).optional(),
  Token: z.string().max(2048).optional(),
  SubscribeURL: otherUrl.optional(),
  UnsubscribeURL: otherUrl.optional(),
});

export type SnsMessage = z.infer<typeof snsMessageSchema>;

const TIMESTAMP = timestamp.def.pattern ?? /(?!)/;
const knownCertUrl = acceptedBefore(certUrl);
const knownUrl = acceptedBefore(otherUrl);
const isOptionalUrl = (v: unknown) => v === undefined || knownUrl(v);

/**
 * `snsMessageSchema`'s reading of a posted body, errors naming the field. A delivery that passes the plain checks below
 * (the schema's, field by field) is read without zod: running the schema was 9 µs of the event loop per notification.
 */
export function parseSnsMessage(body: unknown): SnsMessage {
  if (isRecord(body)) {
    const { Type, MessageId, TopicArn, Message, Timestamp, SignatureVersion, Signature, SigningCertURL, Subject, Token, SubscribeURL, UnsubscribeURL } = body;
    if ((Type === 'Notification' || Type === 'SubscriptionConfirmation' || Type === 'UnsubscribeConfirmation')
      && isText(MessageId, 128, 1) && isText(TopicArn, 512, 1) && isText(Message, 256 * 1024)
      && typeof Timestamp === 'string' && (TIMESTAMP.lastIndex = 0, TIMESTAMP.test(Timestamp))
      && (SignatureVersion === '1' || SignatureVersion === '2')
      && isText(Signature, 2048, 1) && BASE64.test(Signature)
      && isText(SigningCertURL, 2048) && knownCertUrl(SigningCertURL)
      && isOptionalText(Subject, 512) && isOptionalText(Token, 2048)
      && isOptionalUrl(SubscribeURL) && isOptionalUrl(UnsubscribeURL)) {
      const m: SnsMessage = { Type, MessageId, TopicArn, Message, Timestamp, SignatureVersion, Signature, SigningCertURL };
      if (Subject !== undefined) m.Subject = Subject;
      if (Token !== undefined) m.Token = Token;
      if (SubscribeURL !== undefined) m.SubscribeURL = SubscribeURL as string;
      if (UnsubscribeURL !== undefined) m.UnsubscribeURL = UnsubscribeURL as string;
      return m;
    }
  }
  return parseInput(snsMessageSchema, body);
}

/**
 * The string SNS signs: selected "Name\nvalue\n" pairs in byte order of their names ("Verifying the signatures of
 * Amazon SNS messages"). A notification signs Subject only when it has one; confirmations sign SubscribeURL and Token.
 */
export function snsStringToSign(m: SnsMessage): string {
  const keys: Array<keyof SnsMessage> = m.Type === 'Notification'
    ? ['Message', 'MessageId', ...(m.Subject !== undefined ? ['Subject' as const] : []), 'Timestamp', 'TopicArn', 'Type']
    : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return keys.map((k) => `${k}\n${m[k] ?? ''}\n`).join('');
}
