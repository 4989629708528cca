// An Amazon SNS HTTP(S) delivery: its JSON shape and the exact text its signature covers.
import { z } from 'zod';

const text = (max: number) => z.string().min(1).max(max);

/** The fields SNS posts (SNS developer guide, "Parsing message formats"); anything else is ignored. */
export const snsMessageSchema = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  MessageId: text(128),
  TopicArn: text(512),
  Message: z.string().max(256 * 1024),
  Timestamp: z.iso.datetime({ offset: true }),
  SignatureVersion: z.enum(['1', '2']),
  Signature: z.string().min(1).max(2048).regex(/^[A-Za-z0-9+/=]+$/, 'must be base64'),
  SigningCertURL: z.url().max(2048),
  Subject: z.string().max(512).optional(),
  Token: z.string().max(2048).optional(),
  SubscribeURL: z.url().max(4096).optional(),
  UnsubscribeURL: z.url().max(4096).optional(),
});

export type SnsMessage = z.infer<typeof snsMessageSchema>;

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
