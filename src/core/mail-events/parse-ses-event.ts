// Reads one SES event (event publishing's `eventType`, or a feedback notification's `notificationType`) into what cutover keeps.
import { z } from 'zod';
import { InvalidRequestError } from '../shared/errors.ts';
import { normalizeEmail } from '../shared/email.ts';
import type { MailStatus } from '../ports/mail-events.ts';
import { isOptionalText, isRecord, isText } from './quick-checks.ts';

// One flat object per part, unknown keys stripped (nothing here reads them): with zod's `.and()` and `.loose()`,
// reading an event cost 16 µs of CPU, 8.5 µs without. The schema is the rule: an event the plain checks below do not
// pass gets its verdict, and its error, from zod.
const recipients = z.array(z.object({ emailAddress: z.string().max(320) })).max(100).optional();
const timestamp = z.string().max(64).optional();

export const sesEventSchema = z.object({
  eventType: z.string().max(64).optional(),
  notificationType: z.string().max(64).optional(),
  mail: z.object({ messageId: z.string().min(1).max(256), timestamp, destination: z.array(z.string().max(320)).max(100).optional() }),
  bounce: z.object({ bouncedRecipients: recipients, timestamp, bounceType: z.string().max(64), bounceSubType: z.string().max(64).optional() }).optional(),
  complaint: z.object({ complainedRecipients: recipients, timestamp }).optional(),
  delivery: z.object({ timestamp }).optional(),
  deliveryDelay: z.object({ timestamp, delayType: z.string().max(64).optional() }).optional(),
  reject: z.object({ reason: z.string().max(500).optional() }).optional(),
});

type SesEventFields = z.output<typeof sesEventSchema>;

/** An optional list of at most 100: by index, as zod reads it (`every` would skip the holes of a sparse array). */
function isList(v: unknown, each: (item: unknown) => boolean): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v) || v.length > 100) return false;
  for (let i = 0; i < v.length; i++) if (!each(v[i])) return false;
  return true;
}
const isRecipient = (r: unknown) => isRecord(r) && isText(r.emailAddress, 320);
const isAddress = (a: unknown) => isText(a, 320);
/** An optional part: absent, or an object whose fields pass `fields`. */
const isPart = (v: unknown, fields: (part: Record<string, unknown>) => boolean) => v === undefined || (isRecord(v) && fields(v));

/**
 * `sesEventSchema`'s checks, field by field, in plain code: true only for an event the schema accepts, whose fields
 * then read the same (the schema only drops keys nothing here reads). Running zod was 10 µs per notification.
 */
function passesSchemaChecks(e: unknown): e is SesEventFields {
  if (!isRecord(e) || !isOptionalText(e.eventType, 64) || !isOptionalText(e.notificationType, 64)) return false;
  const { mail } = e;
  return isRecord(mail) && isText(mail.messageId, 256, 1) && isOptionalText(mail.timestamp, 64) && isList(mail.destination, isAddress)
    && isPart(e.bounce, isBounce) && isPart(e.complaint, isComplaint) && isPart(e.delivery, isDelivery)
    && isPart(e.deliveryDelay, isDeliveryDelay) && isPart(e.reject, isReject);
}

const isBounce = (b: Record<string, unknown>) => isList(b.bouncedRecipients, isRecipient) && isOptionalText(b.timestamp, 64)
  && isText(b.bounceType, 64) && isOptionalText(b.bounceSubType, 64);
const isComplaint = (c: Record<string, unknown>) => isList(c.complainedRecipients, isRecipient) && isOptionalText(c.timestamp, 64);
const isDelivery = (d: Record<string, unknown>) => isOptionalText(d.timestamp, 64);
const isDeliveryDelay = (d: Record<string, unknown>) => isOptionalText(d.timestamp, 64) && isOptionalText(d.delayType, 64);
const isReject = (r: Record<string, unknown>) => isOptionalText(r.reason, 500);

/** The event's fields: the plain checks for a well-formed event, zod for anything else (its first issue, named). */
function readSesEvent(json: unknown, field: string): SesEventFields {
  if (passesSchemaChecks(json)) return json;
  const parsed = sesEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequestError(`${field}.${issue.path.join('.')}: ${issue.message}`, field);
  }
  return parsed.data;
}

export interface SesEvent {
  messageId: string;
  status: MailStatus;
  /** Addresses to suppress for invitations (a permanent bounce, a complaint), normalized. */
  suppress: string[];
  suppressReason: 'bounce' | 'complaint' | 'ses_suppression_list' | null;
  email: string | null;
  detail: string | null;
  eventAt: number;
}

/**
 * Parses an event; null for kinds cutover does not track (Open, Click, Rendering Failure, Subscription). `field`: where
 * the event sat in what was posted (SNS's `Message`, EventBridge's `detail`), for errors that name it.
 */
export function parseSesEvent(json: unknown, fallbackNow: number, field = 'Message'): SesEvent | null {
  const e = readSesEvent(json, field);
  const to = e.mail.destination?.[0] ? normalizeEmail(e.mail.destination[0]) : null;
  // No closures or spreads per event (tsx names every closure it makes, and this runs once per notification).
  switch (e.eventType ?? e.notificationType) {
    case 'Send':
      return sesEvent(e, to, 'sent', null, eventTime(e.mail.timestamp, e, fallbackNow));
    case 'Delivery':
      return sesEvent(e, to, 'delivered', null, eventTime(e.delivery?.timestamp, e, fallbackNow));
    case 'DeliveryDelay':
      return sesEvent(e, to, 'delayed', e.deliveryDelay?.delayType ?? null, eventTime(e.deliveryDelay?.timestamp, e, fallbackNow));
    case 'Reject':
      return sesEvent(e, to, 'rejected', e.reject?.reason ?? null, eventTime(undefined, e, fallbackNow));
    case 'Bounce': {
      if (!e.bounce) throw new InvalidRequestError(`${field}.bounce: required for a Bounce event`, field);
      const b = e.bounce;
      const detail = `${b.bounceType}/${b.bounceSubType ?? 'General'}`;
      // Only a permanent bounce says the address is dead; transient and undetermined ones may deliver later.
      if (b.bounceType !== 'Permanent') return sesEvent(e, to, 'soft_bounced', detail, eventTime(b.timestamp, e, fallbackNow));
      const reason = b.bounceSubType === 'OnAccountSuppressionList' ? 'ses_suppression_list' : 'bounce';
      return sesEvent(e, to, 'bounced', detail, eventTime(b.timestamp, e, fallbackNow), reason, addresses(b.bouncedRecipients, to));
    }
    case 'Complaint': {
      const c = e.complaint ?? {};
      return sesEvent(e, to, 'complained', null, eventTime(c.timestamp, e, fallbackNow), 'complaint', addresses(c.complainedRecipients, to));
    }
    default:
      return null;
  }
}

function sesEvent(
  e: SesEventFields, email: string | null, status: MailStatus, detail: string | null, eventAt: number,
  suppressReason: SesEvent['suppressReason'] = null, suppress: string[] = [],
): SesEvent {
  return { messageId: e.mail.messageId, email, suppress, suppressReason, status, detail, eventAt };
}

/** When it happened: the event's own time, else the mail's, else `fallbackNow`. */
function eventTime(t: string | undefined, e: SesEventFields, fallbackNow: number): number {
  const at = t ? Date.parse(t) : Number.NaN;
  return !Number.isNaN(at) ? at : e.mail.timestamp ? Date.parse(e.mail.timestamp) || fallbackNow : fallbackNow;
}

/** The named recipients, else the mail's own addressee (cutover sends every mail to one person). */
function addresses(list: { emailAddress: string }[] | undefined, fallback: string | null): string[] {
  const named = (list ?? []).map((r) => normalizeEmail(r.emailAddress)).filter(Boolean);
  return named.length > 0 ? [...new Set(named)] : fallback ? [fallback] : [];
}
