// The migration report (SPEC §5): totals, a day-by-day series, and when the target share will have signed in.
import type { Deps } from '../shared/deps.ts';
import type { MigrationTotals } from '../ports/report.ts';
import { cachedMigrationFigures } from './cached-migration-figures.ts';
import { isoDate, projectCutover, projectedShare, tooEarlyToProject, type Projection } from './project-cutover.ts';

export interface MigrationReport {
  totals: MigrationTotals;
  daily: { date: string; signIns: number; emailVerified: number; passkeysAdded: number }[];
  /** `tooEarly`: not enough observed yet to project; days and etaDate are then null */
  projection: Projection & { tooEarly: boolean };
}

/** Shares of imported people signed in, observed then projected, for the HTML chart. */
export interface ReportChart {
  observed: { date: string; share: number }[];
  projected: { date: string; share: number }[];
}

const DAY_MS = 86_400_000;
/** The daily series covers at most this many days back. */
export const REPORT_DAYS = 366;
const MAX_PROJECTED_DAYS = 730;

export async function buildMigrationReport(
  deps: Pick<Deps, 'stores' | 'clock'>,
  input: { tenant: string; targetShare?: number },
): Promise<{ report: MigrationReport; chart: ReportChart }> {
  const now = deps.clock.now();
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const since = today - (REPORT_DAYS - 1) * DAY_MS;
  const figures = await cachedMigrationFigures(deps, input.tenant, now, since);
  const projection = { ...projectCutover({ ...figures.atRisk, targetShare: input.targetShare ?? 0.9, now }), tooEarly: false };
  if (projection.p !== null) projection.p = Math.round(projection.p * 1e6) / 1e6;
  if (projection.days !== 0 && tooEarlyToProject(figures.atRisk)) Object.assign(projection, { days: null, etaDate: null, tooEarly: true });

  // Every day from the first import (or the window's start) to today, zeros included, so charts need no gap logic.
  const byDate = new Map(figures.daily.map((d) => [d.date, d]));
  const first = figures.firstImportAt === null ? (figures.daily[0] ? Date.parse(figures.daily[0].date) : today) : figures.firstImportAt;
  const start = Math.max(since, Math.floor(first / DAY_MS) * DAY_MS);
  const days: string[] = [];
  for (let t = start; t <= today; t += DAY_MS) days.push(isoDate(t));
  for (const d of figures.daily) if (!days.includes(d.date)) days.push(d.date);
  days.sort();

  const imported = figures.totals.imported;
  const inWindow = days.reduce((n, d) => n + (byDate.get(d)?.firstSignIns ?? 0), 0);
  let cumulative = figures.totals.signedInSinceImport - inWindow;
  const observed = days.map((date) => {
    cumulative += byDate.get(date)?.firstSignIns ?? 0;
    return { date, share: imported > 0 ? cumulative / imported : 0 };
  });
  const s0 = figures.atRisk.users > 0 ? figures.atRisk.signedIn / figures.atRisk.users : 0;
  const horizon = Math.min(MAX_PROJECTED_DAYS, projection.days ?? 90);
  const projected = projection.p === null || projection.tooEarly ? [] : Array.from({ length: horizon + 1 }, (_, d) => ({
    date: isoDate(today + d * DAY_MS), share: projectedShare(s0, projection.p!, d),
  }));

  return {
    report: {
      totals: figures.totals,
      daily: days.map((date) => {
        const d = byDate.get(date);
        return { date, signIns: d?.signIns ?? 0, emailVerified: d?.emailVerified ?? 0, passkeysAdded: d?.passkeysAdded ?? 0 };
      }),
      projection,
    },
    chart: { observed, projected },
  };
}
