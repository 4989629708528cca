// AuditStore on drizzle.
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditEvents } from '../../db/sqlite/schema.ts';
import type { AuditEvent, AuditStore } from '../core/ports/audit.ts';
import { newId } from '../core/shared/crypto.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';
import { coalesceWrites } from './coalesce-writes.ts';
import { parseJson } from './json.ts';

const p = sql.placeholder;

/** An event's row, as every writer of the audit table stores it. */
export type AuditRow = { id: string; at: number; type: string; tenant: string | null; userId: string | null; clientId: string | null; ip: string | null; actor: string | null; detail: string };

/** An event as its row: a fresh time-ordered id, absent fields null, the detail as JSON text. */
export const toAuditRow = (event: AuditEvent, now: number): AuditRow => ({
  id: newId('evt'), at: now, type: event.type, tenant: event.tenant ?? null, userId: event.userId ?? null,
  clientId: event.clientId ?? null, ip: event.ip ?? null, actor: event.actor ?? null, detail: JSON.stringify(event.detail ?? {}),
});

/** The one-row insert, prepared (placeholders: AuditRow's fields). */
export const preparedAuditInsert = (db: Db) => db.insert(auditEvents).values({
  id: p('id'), at: p('at'), type: p('type'), tenant: p('tenant'), userId: p('userId'), clientId: p('clientId'), ip: p('ip'),
  actor: p('actor'), detail: p('detail'),
}).prepare();

export function createAuditStore(db: Db): AuditStore {
  const { jsonSet, jsonValue, jsonRecords } = dialectOf(db);
  // Prepared once: every sign-in writes events, and building the insert each time cost more than running it.
  const insert = preparedAuditInsert(db);
  // PostgreSQL: the events recorded in one turn of the event loop are one INSERT (one statement, one commit) of their
  // rows as a JSON parameter; each caller still waits for its own row to be written. SQLite writes in-process.
  const insertMany = db.insert(auditEvents).select(sql`select r.id, r.at, r.type, r.tenant, r."userId", r."clientId", r.ip, r.actor, r.detail from ${jsonRecords(p('rows'), {
    id: 'text', at: 'bigint', type: 'text', tenant: 'text', userId: 'text', clientId: 'text', ip: 'text', actor: 'text', detail: 'text',
  }, 'r')} where true`).prepare();
  const write = dialectOf(db).name === 'postgres'
    ? coalesceWrites(async (rows: AuditRow[]) => {
      await insertMany.run({ rows: JSON.stringify(rows) });
      return rows.map(() => undefined);
    }, (r) => r.id)
    : (row: AuditRow) => insert.run(row);
  return {
    async record(event, now) {
      await write(toAuditRow(event, now));
    },
    async recordRefusal(id, event, now) {
      await db.insert(auditEvents).values({
        id, at: now, type: event.type, tenant: event.tenant ?? null, userId: event.userId ?? null, clientId: event.clientId ?? null,
        ip: event.ip ?? null, detail: JSON.stringify({ ...event.detail, refused: 1, lastAt: now }),
      }).onConflictDoUpdate({
        target: auditEvents.id,
        set: { detail: jsonSet(auditEvents.detail, {
          refused: sql`coalesce(cast(${jsonValue(auditEvents.detail, 'refused')} as bigint), 0) + 1`, lastAt: sql`cast(${now} as bigint)`,
        }) },
      });
    },
    async prune(before, limit) {
      // Oldest first, a bounded batch per statement: a year of rows never holds the write lock in one go.
      const oldest = db.select({ id: auditEvents.id }).from(auditEvents).where(lt(auditEvents.at, before)).orderBy(asc(auditEvents.at)).limit(limit);
      const rows = await db.delete(auditEvents).where(inArray(auditEvents.id, oldest)).returning({ id: auditEvents.id });
      return rows.length;
    },
    async list(filter) {
      const where: (SQL | undefined)[] = [];
      if (filter.type) where.push(eq(auditEvents.type, filter.type));
      if (filter.userId) where.push(eq(auditEvents.userId, filter.userId));
      // Keyset paging on (at, id): a deep page costs what the first one does.
      if (filter.before) {
        const { at, id } = filter.before;
        where.push(or(lt(auditEvents.at, at), and(eq(auditEvents.at, at), lt(auditEvents.id, id))));
      }
      const rows = await db.select().from(auditEvents).where(and(...where)).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(filter.limit);
      return rows.map((r) => ({ ...r, detail: parseJson(r.detail, {}) }));
    },
  };
}
