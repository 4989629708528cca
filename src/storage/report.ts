// ReportStore on drizzle: the migration report's figures in a few aggregate queries, computed in SQLite.
import { sql, type SQL } from 'drizzle-orm';
import { SIGN_IN_AUDIT_TYPES, type MigrationDay, type ReportStore } from '../core/ports/report.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';

const DAY_MS = 86_400_000;
const signInTypes = sql.join(SIGN_IN_AUDIT_TYPES.map((t) => sql`${t}`), sql`, `);

/**
 * Imported users (at least one legacy link; imported when the first link was made) and their first sign-in
 * since import: the earliest sign-in audit event after the import, else their last sign-in if it came after.
 */
const cte = (tenant: string): SQL => sql`
  with imp as (
    select u.id, u.enabled, u.email, u.email_normalized, u.email_verified, u.email_verified_at, u.last_sign_in_at, min(l.created_at) as imported_at
    from users u join legacy_links l on l.user_id = u.id
    where u.tenant = ${tenant} group by u.id
  ),
  sign_ins as (
    select a.user_id as uid, a.at as at from audit_events a join imp on imp.id = a.user_id
      where a.type in (${signInTypes}) and a.at >= imp.imported_at
    union
    select imp.id, imp.last_sign_in_at from imp where imp.last_sign_in_at >= imp.imported_at
  ),
  first_sign_in as (select uid, min(at) as at from sign_ins group by uid)`;


const TOTALS = [
  'imported', 'conflicts', 'disabled', 'email_verified', 'with_passkey', 'signed_in', 'invited', 'no_email', 'at_risk', 'reachable',
  'at_risk_signed_in', 'exposure_ms', 'first_import_at',
] as const;
type TotalsRow = Record<(typeof TOTALS)[number], number | null>;
type DayKind = 'signIns' | 'emailVerified' | 'passkeysAdded' | 'firstSignIns';

export function createReportStore(db: Db): ReportStore {
  const { utcDay: day, greatest } = dialectOf(db);
  return {
    async migrationFigures(tenant, now, since) {
      // Rows as arrays (db.values): every driver returns those alike; named below in TOTALS order.
      const [values] = await db.values<unknown[]>(sql`${cte(tenant)}
        select
          (select count(*) from imp) as imported,
          (select count(*) from import_conflicts where tenant = ${tenant}) as conflicts,
          (select count(*) from imp where enabled = 0) as disabled,
          (select count(*) from imp where email_verified = 1) as email_verified,
          (select count(*) from imp where exists (select 1 from passkeys p where p.user_id = imp.id)) as with_passkey,
          (select count(*) from first_sign_in) as signed_in,
          (select count(distinct i.user_id) from invitations i join imp on imp.id = i.user_id where i.status = 'sent') as invited,
          (select count(*) from imp where enabled = 1 and (email is null or email = '')) as no_email,
          (select count(*) from imp where enabled = 1) as at_risk,
          (select count(*) from imp where enabled = 1 and coalesce(email_normalized, '') <> ''
             and not exists (select 1 from suppressions s where s.email_normalized = imp.email_normalized)) as reachable,
          (select count(*) from imp join first_sign_in f on f.uid = imp.id where imp.enabled = 1) as at_risk_signed_in,
          (select coalesce(sum(${greatest(sql`0`, sql`coalesce(f.at, cast(${now} as bigint)) - imp.imported_at`)}), 0)
             from imp left join first_sign_in f on f.uid = imp.id where imp.enabled = 1) as exposure_ms,
          (select min(imported_at) from imp) as first_import_at`);
      const t = Object.fromEntries(TOTALS.map((name, i) => [name, values![i] === null ? null : Number(values![i])])) as TotalsRow;
      const rows = (await db.values<[string, DayKind, number]>(sql`${cte(tenant)}
        select ${day(sql`at`)} as date, 'signIns' as kind, count(*) as n from sign_ins where at >= ${since} group by 1
        union all
        select ${day(sql`at`)}, 'firstSignIns', count(*) from first_sign_in where at >= ${since} group by 1
        union all
        select ${day(sql`email_verified_at`)}, 'emailVerified', count(*) from imp
          where email_verified_at > imported_at and email_verified_at >= ${since} group by 1
        union all
        select ${day(sql`p.created_at`)}, 'passkeysAdded', count(*) from passkeys p join imp on imp.id = p.user_id
          where p.created_at >= ${since} group by 1`)).map(([date, kind, n]) => ({ date, kind, n }));
      const byDate = new Map<string, MigrationDay>();
      for (const r of rows) {
        const d = byDate.get(r.date) ?? { date: r.date, signIns: 0, emailVerified: 0, passkeysAdded: 0, firstSignIns: 0 };
        d[r.kind] += Number(r.n);
        byDate.set(r.date, d);
      }
      return {
        totals: {
          imported: Number(t.imported), conflicts: Number(t.conflicts), disabled: Number(t.disabled),
          emailVerified: Number(t.email_verified), withPasskey: Number(t.with_passkey),
          signedInSinceImport: Number(t.signed_in), invited: Number(t.invited), reachable: Number(t.reachable), noEmail: Number(t.no_email),
        },
        daily: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
        atRisk: { users: Number(t.at_risk), signedIn: Number(t.at_risk_signed_in), exposureDays: Number(t.exposure_ms) / DAY_MS },
        firstImportAt: t.first_import_at === null ? null : Number(t.first_import_at),
      };
    },
  };
}
