// SendPaceStore on drizzle: one upsert per reservation, so instances never hand out the same slot.
import { sql } from 'drizzle-orm';
import { sendPace } from '../../db/sqlite/schema.ts';
import type { SendPaceStore } from '../core/ports/send-pace.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';

const p = sql.placeholder;

// Slots are fractional milliseconds: double precision in both dialects (SQLite reads the cast as REAL).
const ms = (name: string) => sql`cast(${p(name)} as double precision)`;

export function createSendPaceStore(db: Db): SendPaceStore {
  const { greatest } = dialectOf(db);
  // In an upsert's SET the column name is the old row's value.
  const reserve = db.insert(sendPace).values({ key: p('key'), nextSlotAt: sql`${ms('floor')} + ${ms('span')}` })
    .onConflictDoUpdate({ target: sendPace.key, set: { nextSlotAt: sql`${greatest(sendPace.nextSlotAt, ms('floor'))} + ${ms('span')}` } })
    .returning({ nextSlotAt: sendPace.nextSlotAt }).prepare();
  const holdOff = db.insert(sendPace).values({ key: p('key'), nextSlotAt: p('until') })
    .onConflictDoUpdate({ target: sendPace.key, set: { nextSlotAt: greatest(sendPace.nextSlotAt, ms('until')) } }).prepare();
  return {
    async reserve(key, count, intervalMs, burstMs, now) {
      const span = count * intervalMs;
      const [row] = await reserve.all({ key, floor: now - burstMs, span });
      return row.nextSlotAt - span;
    },
    async holdOff(key, ms, now) {
      await holdOff.run({ key, until: now + ms });
    },
  };
}
