/** @jsxImportSource hono/jsx */
// Console: the overview (totals) and the migration report (totals, both charts, the projection in words).
import type { MigrationReport, ReportChart } from '../../../core/report/build-migration-report.ts';
import { consoleMessages } from './console-messages.ts';
import { ProjectionChart, SignInsChart } from './charts.tsx';
import { Shell, withLang, type ShellProps } from './shell.tsx';

type Base = Omit<ShellProps, 'children' | 'section' | 'title'>;

export function Totals(props: { report: MigrationReport; locale: ShellProps['locale'] }) {
  const m = consoleMessages(props.locale);
  const t = props.report.totals;
  const cards: [string, string, number][] = [
    ['imported', m.imported, t.imported], ['signedInSinceImport', m.signedInSinceImport, t.signedInSinceImport], ['emailVerified', m.emailVerified, t.emailVerified],
    ['withPasskey', m.withPasskey, t.withPasskey], ['invited', m.invited, t.invited], ['disabled', m.disabledTotal, t.disabled], ['conflicts', m.conflicts, t.conflicts],
  ];
  return <div class="cards">{cards.map(([key, label, n]) => <div class="card" data-total={key}><div class="n">{n}</div><div class="muted">{label}</div></div>)}</div>;
}

function Eta(props: { report: MigrationReport; locale: ShellProps['locale'] }) {
  const m = consoleMessages(props.locale);
  const p = props.report.projection;
  if (p.p === null) return <p>{m.noProjection}</p>;
  return <p><strong id="eta">{m.eta(p.days, p.etaDate, `${Math.round(p.targetShare * 100)}%`)}</strong> <span class="muted">P = {(p.p * 100).toFixed(2)}% / day</span></p>;
}

export function OverviewPage(props: Base & { report: MigrationReport }) {
  const m = consoleMessages(props.locale);
  return (
    <Shell {...props} section="overview" title={m.overview}>
      <Totals report={props.report} locale={props.locale} />
      <Eta report={props.report} locale={props.locale} />
      <p><a href={withLang('/admin/report', props.locale)}>{m.report} →</a> · <a href={withLang('/admin/people?freshlyMigrated=true', props.locale)}>{m.freshlyMigrated} →</a></p>
    </Shell>
  );
}

export function ReportPage(props: Base & { report: MigrationReport; chart: ReportChart }) {
  const m = consoleMessages(props.locale);
  return (
    <Shell {...props} section="report" title={m.report}>
      <Totals report={props.report} locale={props.locale} />
      <h2>{m.projection}</h2>
      <ProjectionChart chart={props.chart} projection={props.report.projection} label={m.projection} />
      <p class="muted">{m.projectionNote}</p>
      <Eta report={props.report} locale={props.locale} />
      <h2>{m.signInsPerDay}</h2>
      <SignInsChart daily={props.report.daily} label={m.signInsPerDay} />
    </Shell>
  );
}
