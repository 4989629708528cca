// OutboxStore on drizzle: sign-in jobs (claimed by one conditional UPDATE) and the `log` mailer's mailbox.
import { and, asc, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { outbox } from '../../db/sqlite/schema.ts';
import type { AccountNotice, OutboxJob, OutboxStatus, OutboxStore, SignInRequest } from '../core/ports/outbox.ts';
import { newId } from '../core/shared/crypto.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';
import { parseJson } from './json.ts';

// A sign-in job keeps its request (no secret) as JSON in `text`; the mail itself is rendered only when sent.
const SIGN_IN = 'sign-in';
// An account notice (a passkey was added): its facts as JSON in `text`, rendered when sent.
const NOTICE = 'notice';
const JOBS = [SIGN_IN, NOTICE];
// Mail the `log` mailer "sent": what /dev/mail shows.
const MAILBOX = 'mailbox';

export function createOutboxStore(db: Db): OutboxStore {
  const dialect = dialectOf(db);
  // Prepared once: every sign-in request queues one job (building the INSERT each time cost more than running it).
  const p = sql.placeholder;
  const insertSignIn = db.insert(outbox).values({
    id: p('id'), kind: SIGN_IN, to: p('to'), subject: '', text: p('text'), html: '', status: 'queued', nextAttemptAt: p('now'), createdAt: p('now'),
  }).prepare();
  // Every sign-in mail ends with one of these (the background drain's per-job statements, prepared once).
  const sending = and(eq(outbox.id, p('id')), eq(outbox.status, 'sending'));
  const finishSent = db.update(outbox)
    .set({ status: 'sent', sentAt: sql`${p('now')}`, messageId: sql`${p('detail')}` }).where(sending).prepare();
  const finishOther = db.update(outbox).set({ status: sql`${p('status')}`, error: sql`${p('detail')}` }).where(sending).prepare();
  const keepMail = db.insert(outbox).values({
    id: p('id'), kind: MAILBOX, to: p('to'), subject: p('subject'), text: p('text'), html: p('html'),
    status: 'sent', nextAttemptAt: p('at'), createdAt: p('at'), sentAt: p('at'),
  }).prepare();
  // The background drain runs these on every tick, mostly finding nothing: prepared once, an idle tick is cheap.
  // A job still `sending` after its lease belongs to a worker that died mid-send: it may have gone out.
  const abandonExpired = db.update(outbox).set({ status: 'unknown', error: 'interrupted while sending' })
    .where(and(inArray(outbox.kind, JOBS), eq(outbox.status, 'sending'), lte(outbox.nextAttemptAt, p('now')))).prepare();
  const due = db.select({ id: outbox.id }).from(outbox)
    .where(and(eq(outbox.status, 'queued'), inArray(outbox.kind, JOBS), lte(outbox.nextAttemptAt, p('now'))))
    .orderBy(asc(outbox.nextAttemptAt)).limit(p('limit'));
  // PostgreSQL: instances claiming at once each take other rows (SKIP LOCKED) instead of queueing on the same ones.
  const claimQueued = db.update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: sql`${p('leaseUntil')}` })
    .where(and(dialect.claimed(sql`${outbox.id}`, due.getSQL()), eq(outbox.status, 'queued')))
    .returning().prepare();
  return {
    async enqueueSignIn(id, request, now) {
      await insertSignIn.run({ id, to: request.emailNormalized, text: JSON.stringify(request), now });
    },
    async enqueueNotice(id, notice, now) {
      await db.insert(outbox).values({ id, kind: NOTICE, to: notice.to, subject: '', text: JSON.stringify(notice), html: '', status: 'queued', nextAttemptAt: now, createdAt: now });
    },
    async claimDue(now, limit, leaseMs) {
      await abandonExpired.run({ now });
      const rows = await claimQueued.all({ now, limit, leaseUntil: now + leaseMs });
      return rows.map((r): OutboxJob => (r.kind === NOTICE
        ? { id: r.id, kind: 'notice', notice: parseJson<AccountNotice>(r.text, null as never), attempts: r.attempts, createdAt: r.createdAt }
        : { id: r.id, kind: 'sign-in', request: parseJson<SignInRequest>(r.text, null as never), attempts: r.attempts, createdAt: r.createdAt }));
    },
    async finish(id, status, now, detail) {
      if (status === 'sent') await finishSent.run({ id, now, detail });
      else await finishOther.run({ id, status, detail });
    },
    async retryAt(id, nextAttemptAt, error) {
      await db.update(outbox).set({ status: 'queued', nextAttemptAt, error }).where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
    },
    async statusOf(id) {
      const [row] = await db.select({ status: outbox.status, attempts: outbox.attempts, error: outbox.error }).from(outbox).where(eq(outbox.id, id));
      return row ? { ...row, status: row.status as OutboxStatus } : null;
    },
    async keep(mail) {
      await keepMail.run({ id: newId('mail'), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, at: mail.createdAt });
    },
    async kept(limit) {
      return db.select({ to: outbox.to, subject: outbox.subject, text: outbox.text, html: outbox.html, createdAt: outbox.createdAt })
        .from(outbox).where(eq(outbox.kind, MAILBOX)).orderBy(desc(outbox.createdAt), desc(dialect.insertionOrder('outbox'))).limit(limit);
    },
    async prune(before) {
      const rows = await db.delete(outbox)
        .where(and(lt(outbox.createdAt, before), inArray(outbox.status, ['sent', 'skipped', 'failed', 'unknown']), inArray(outbox.kind, [...JOBS, MAILBOX])))
        .returning({ id: outbox.id });
      return rows.length;
    },
  };
}
