/** @jsxImportSource hono/jsx */
// Server-drawn SVG charts for the console's report: sign-ins per day, and the share signed in against the projection.
import type { MigrationReport, ReportChart } from '../../../core/report/build-migration-report.ts';

const W = 720, H = 260, L = 52, R = 16, T = 16, B = 40;
const DAY_MS = 86_400_000;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
/** A round axis top (1, 2, 5 × 10^k) so the grid labels read easily. */
function niceMax(n: number): number {
  if (n <= 0) return 1;
  const k = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((f) => f * k).find((v) => v >= n)!;
}

/** Each bar carries its date and count (data-*, <title>) so people and tests can read the exact figure. */
export function SignInsChart(props: { daily: MigrationReport['daily']; label: string }) {
  const days = props.daily.slice(-60);
  if (days.length === 0) return <p class="muted">—</p>;
  const top = niceMax(Math.max(...days.map((d) => d.signIns)));
  const step = (W - L - R) / days.length;
  const y = (v: number) => T + (1 - v / top) * (H - T - B);
  return (
    <svg class="chart" id="sign-ins-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label}>
      {[0, 0.5, 1].map((f) => <><line x1={L} x2={W - R} y1={y(top * f)} y2={y(top * f)} stroke="#e3e5ea" /><text x={L - 6} y={y(top * f) + 4} text-anchor="end">{top * f}</text></>)}
      {days.map((d, i) => (
        <rect class="bar" data-date={d.date} data-value={String(d.signIns)} x={(L + i * step + step * 0.15).toFixed(1)} y={y(d.signIns).toFixed(1)}
          width={Math.max(1, step * 0.7).toFixed(1)} height={(H - B - y(d.signIns)).toFixed(1)} fill="var(--brand)">
          <title>{`${d.date}: ${d.signIns}`}</title>
        </rect>
      ))}
      <text x={L} y={H - B + 16}>{days[0].date}</text>
      <text x={W - R} y={H - B + 16} text-anchor="end">{days[days.length - 1].date}</text>
    </svg>
  );
}

export function ProjectionChart(props: { chart: ReportChart; projection: MigrationReport['projection']; label: string }) {
  const points = [...props.chart.observed, ...props.chart.projected];
  if (points.length === 0) return <p class="muted">—</p>;
  const t0 = Date.parse(points[0].date);
  const t1 = Math.max(t0 + DAY_MS, ...points.map((p) => Date.parse(p.date)));
  const x = (date: string) => L + ((Date.parse(date) - t0) / (t1 - t0)) * (W - L - R);
  const y = (share: number) => T + (1 - share) * (H - T - B);
  const path = (ps: { date: string; share: number }[]) => ps.map((p, i) => `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(p.share).toFixed(1)}`).join('');
  const target = props.projection.targetShare;
  const last = props.chart.observed.at(-1);
  return (
    <svg class="chart" id="projection-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label}
      data-target={String(target)} data-p={String(props.projection.p ?? '')} data-observed={String(last?.share ?? 0)}>
      {[0, 0.25, 0.5, 0.75, 1].map((s) => <><line x1={L} x2={W - R} y1={y(s)} y2={y(s)} stroke="#e3e5ea" /><text x={L - 6} y={y(s) + 4} text-anchor="end">{pct(s)}</text></>)}
      <line x1={L} x2={W - R} y1={y(target)} y2={y(target)} stroke="#b00020" stroke-dasharray="3 3" />
      <text x={W - R} y={y(target) - 5} text-anchor="end" fill="#b00020">{pct(target)}</text>
      <path d={path(props.chart.observed)} fill="none" stroke="var(--brand)" stroke-width="2.5" />
      {props.chart.projected.length > 0 && <path d={path(props.chart.projected)} fill="none" stroke="var(--brand)" stroke-width="2" stroke-dasharray="6 4" opacity=".75" />}
      <text x={L} y={H - B + 16}>{points[0].date}</text>
      <text x={W - R} y={H - B + 16} text-anchor="end">{points[points.length - 1].date}</text>
    </svg>
  );
}
