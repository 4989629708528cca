// The plain checks in front of zod on the SNS hot path say yes only where zod would: for well-formed and broken
// envelopes and SES events alike, the answer (or the error, naming the field) is the schema's.
import { describe, expect, it } from 'vitest';
import { parseSnsMessage, snsMessageSchema } from '../../src/core/mail-events/sns-message.ts';
import { parseSesEvent, sesEventSchema } from '../../src/core/mail-events/parse-ses-event.ts';
import { parseInput } from '../../src/core/shared/input.ts';

const outcome = (fn: () => unknown) => {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

/** Every value each field is given in turn: absent, wrong types, lengths at and past the limits, URL and time edge cases. */
const values: unknown[] = [
  undefined, null, '', 'x', 1, {}, [], ' https://sns.example.com/a.pem ', 'https://sns.example.com/a\t.pem', 'not a url',
  'https://sns.example.com/a.pem', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(128), 'a'.repeat(129), 'a'.repeat(257),
  'a'.repeat(321), 'a'.repeat(501), 'a'.repeat(2049), `https://sns.example.com/${'a'.repeat(2100)}`,
  '2026-12-07T10:00:00Z', '2026-12-07T10:00:00.123+01:00', '2026-02-30T10:00:00Z', '2026-12-07 10:00:00Z', '1', '2', '3',
  'QUJD=', 'QU JD', 'Notification', 'SubscriptionConfirmation', ['a@example.com'], [{ emailAddress: 'b@example.com' }],
  [{ emailAddress: 1 }], Array(101).fill('a@example.com'), [, 'a@example.com'], 'Permanent', 'Transient',
];

const envelope = {
  Type: 'Notification', MessageId: 'id-1', TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: '{}',
  Timestamp: '2026-12-07T10:00:00.000Z', SignatureVersion: '2', Signature: 'QUJD', SigningCertURL: 'https://sns.example.com/a.pem',
  UnsubscribeURL: 'https://sns.example.com/?Action=Unsubscribe', Other: 'ignored',
};

const sesEvent = {
  eventType: 'Bounce', mail: { messageId: 'm-1', timestamp: '2026-12-07T10:00:00Z', destination: ['A@Example.com'], source: 'x' },
  bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'A@example.com' }], timestamp: '2026-12-07T10:00:01Z' },
  complaint: { complainedRecipients: [{ emailAddress: 'c@example.com' }] }, delivery: { timestamp: '2026-12-07T10:00:02Z' },
  deliveryDelay: { delayType: 'MailboxFull' }, reject: { reason: 'Bad content' },
};
const sesFields: Record<string, string[]> = {
  '': ['eventType', 'notificationType', 'mail', 'bounce', 'complaint', 'delivery', 'deliveryDelay', 'reject'],
  mail: ['messageId', 'timestamp', 'destination'], bounce: ['bounceType', 'bounceSubType', 'bouncedRecipients', 'timestamp'],
  complaint: ['complainedRecipients', 'timestamp'], delivery: ['timestamp'], deliveryDelay: ['timestamp', 'delayType'], reject: ['reason'],
};

describe('plain checks before zod', () => {
  it('read an SNS envelope exactly as snsMessageSchema does, whatever one field holds', () => {
    const keys = [...Object.keys(envelope), 'Subject', 'Token', 'SubscribeURL'];
    for (const key of keys) {
      for (const value of values) {
        const body: Record<string, unknown> = { ...envelope, [key]: value };
        if (value === undefined) delete body[key];
        // Twice: the second time a URL may be one the checks remember.
        for (let i = 0; i < 2; i++) expect(outcome(() => parseSnsMessage(body)), `${key} = ${JSON.stringify(value)}`).toEqual(outcome(() => parseInput(snsMessageSchema, body)));
      }
    }
    for (const body of [null, [], 'x', 1]) expect(outcome(() => parseSnsMessage(body))).toEqual(outcome(() => parseInput(snsMessageSchema, body)));
  });

  it('read an SES event exactly as sesEventSchema does, whatever one field holds, for each event type', () => {
    for (const type of ['Bounce', 'Complaint', 'Delivery', 'DeliveryDelay', 'Reject', 'Send', 'Open']) {
      for (const [part, keys] of Object.entries(sesFields)) {
        for (const key of keys) {
          for (const value of values) {
            const event = structuredClone(sesEvent) as Record<string, unknown>;
            event.eventType = type;
            const holder = (part ? event[part] : event) as Record<string, unknown>;
            holder[key] = value;
            if (value === undefined) delete holder[key];
            const zod = sesEventSchema.safeParse(event);
            // What zod accepts reads the same as zod's own clean copy; what it refuses fails with its first issue.
            const expected = zod.success
              ? outcome(() => parseSesEvent(structuredClone(zod.data), 5))
              : { error: `Message.${zod.error.issues[0].path.join('.')}: ${zod.error.issues[0].message}` };
            expect(outcome(() => parseSesEvent(event, 5)), `${type} ${part}.${key} = ${JSON.stringify(value)}`).toEqual(expected);
          }
        }
      }
    }
  });
});
