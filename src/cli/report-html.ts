// The report as one self-contained HTML page: totals, an inline SVG chart of progress and projection, the daily table.
import type { MigrationReport, ReportChart } from '../core/report/build-migration-report.ts';
import { escapeHtml as esc } from '../core/shared/escape-html.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const DAY_MS = 86_400_000;

function chartSvg(chart: ReportChart, report: MigrationReport): string {
  const W = 720, H = 300, L = 48, R = 16, T = 16, B = 36;
  const points = [...chart.observed, ...chart.projected];
  if (points.length === 0) return '<p>No data yet.</p>';
  const t0 = Date.parse(points[0].date);
  const t1 = Math.max(t0 + DAY_MS, ...points.map((p) => Date.parse(p.date)));
  const x = (date: string) => L + ((Date.parse(date) - t0) / (t1 - t0)) * (W - L - R);
  const y = (share: number) => T + (1 - share) * (H - T - B);
  const path = (ps: { date: string; share: number }[]) => ps.map((p, i) => `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(p.share).toFixed(1)}`).join('');
  const grid = [0, 0.25, 0.5, 0.75, 1].map((s) =>
    `<line x1="${L}" x2="${W - R}" y1="${y(s)}" y2="${y(s)}" stroke="#ddd"/><text x="${L - 6}" y="${y(s) + 4}" text-anchor="end">${s * 100}%</text>`).join('');
  const target = report.projection.targetShare;
  const eta = report.projection.etaDate;
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Share of imported people signed in, observed and projected" font-size="11" font-family="system-ui,sans-serif">
${grid}
<line x1="${L}" x2="${W - R}" y1="${y(target)}" y2="${y(target)}" stroke="#b00020" stroke-dasharray="2 3"/>
<text x="${W - R}" y="${y(target) - 4}" text-anchor="end" fill="#b00020">target ${pct(target)}</text>
<path d="${path(chart.observed)}" fill="none" stroke="#3246d3" stroke-width="2.5"/>
<path d="${path(chart.projected)}" fill="none" stroke="#3246d3" stroke-width="2" stroke-dasharray="6 4" opacity=".7"/>
${eta && chart.projected.length ? `<line x1="${x(eta)}" x2="${x(eta)}" y1="${T}" y2="${H - B}" stroke="#888" stroke-dasharray="3 3"/><text x="${x(eta)}" y="${H - B + 24}" text-anchor="middle">ETA ${esc(eta)}</text>` : ''}
<text x="${L}" y="${H - B + 14}">${esc(points[0].date)}</text><text x="${W - R}" y="${H - B + 14}" text-anchor="end">${esc(points[points.length - 1].date)}</text>
</svg>`;
}

export function renderReportHtml(report: MigrationReport, chart: ReportChart, meta: { tenant: string; generatedAt: number; productName: string }): string {
  const t = report.totals;
  const rows: [string, number][] = [['Imported', t.imported], ['Conflicts', t.conflicts], ['Disabled', t.disabled],
    ['Email verified', t.emailVerified], ['With a passkey', t.withPasskey], ['Signed in since import', t.signedInSinceImport], ['Invited', t.invited]];
  const p = report.projection;
  const projection = p.p === null ? 'Not enough sign-ins observed yet to project.'
    : p.days === null ? `Daily sign-in probability ${pct(p.p)}: the target of ${pct(p.targetShare)} is not reached at this pace.`
      : `Daily sign-in probability ${pct(p.p)}: ${pct(p.targetShare)} signed in ${p.days === 0 ? 'already' : `in ${p.days} day(s), around ${esc(p.etaDate ?? '')}`}.`;
  const daily = report.daily.slice(-60).reverse().map((d) =>
    `<tr><td>${esc(d.date)}</td><td>${d.signIns}</td><td>${d.emailVerified}</td><td>${d.passkeysAdded}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Migration report · ${esc(meta.tenant)} · ${esc(meta.productName)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:780px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{padding:.3rem .6rem;border-bottom:1px solid #eee;text-align:right}
td:first-child,th:first-child{text-align:left}.muted{color:#555}</style></head><body>
<h1>Migration report: tenant ${esc(meta.tenant)}</h1>
<p class="muted">Generated ${esc(new Date(meta.generatedAt).toISOString())}. Solid: share of imported people signed in since their import; dashed: projection S = 1 − (1 − P)<sup>D</sup>.</p>
${chartSvg(chart, report)}
<p><strong>${projection}</strong></p>
<table><tbody>${rows.map(([k, n]) => `<tr><th>${k}</th><td>${n}</td></tr>`).join('')}</tbody></table>
<h2>Day by day (UTC, latest 60)</h2>
<table><thead><tr><th>Date</th><th>Sign-ins</th><th>Emails verified</th><th>Passkeys added</th></tr></thead><tbody>${daily}</tbody></table>
</body></html>`;
}
