// `cutover report [--tenant T] [--target-share X] [--json] [--html FILE]`: the migration report (SPEC §5).
import { writeFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { buildMigrationReport } from '../../core/report/build-migration-report.ts';
import { reportQuery } from '../../core/report/report-query.ts';
import { renderReportHtml } from '../report-html.ts';

export const report: Command = {
  name: 'report',
  summary: 'show how the cutover is going: imported, signed in, invited, and when the target share will have signed in',
  usage: 'cutover report [--tenant T] [--target-share 0.9] [--json] [--html FILE]',
  options: { tenant: { type: 'string' }, 'target-share': { type: 'string' }, html: { type: 'string' } },
  async run(ctx) {
    const parsed = reportQuery.safeParse({ tenant: ctx.values.tenant, targetShare: ctx.values['target-share'] });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${issue.path[0] === 'tenant' ? '--tenant' : '--target-share'}: ${issue.message.replace(/^Invalid input: /, '')}`);
    }
    if (ctx.values.html !== undefined && (typeof ctx.values.html !== 'string' || ctx.values.html.trim() === '')) throw new UsageError('--html: a file name is required');
    const deps = await ctx.deps();
    const { report: r, chart } = await buildMigrationReport(deps, parsed.data);
    if (typeof ctx.values.html === 'string') {
      await writeFile(ctx.values.html, renderReportHtml(r, chart, { tenant: parsed.data.tenant, generatedAt: deps.clock.now(), productName: deps.config.brand.productName }));
      ctx.progress(`report written to ${ctx.values.html}`);
    }
    const t = r.totals;
    const p = r.projection;
    const text = [
      `tenant ${parsed.data.tenant}`,
      `  imported ${t.imported}  conflicts ${t.conflicts}  disabled ${t.disabled}`,
      `  email verified ${t.emailVerified}  with a passkey ${t.withPasskey}  signed in since import ${t.signedInSinceImport}  invited ${t.invited}`,
      p.p === null ? '  projection: not enough sign-ins observed yet'
        : `  projection: daily sign-in probability ${(p.p * 100).toFixed(2)}%, ${Math.round(p.targetShare * 100)}% signed in ${p.days === null ? 'not reached at this pace' : `in ${p.days} day(s) (${p.etaDate})`}`,
    ].join('\n');
    return { result: r, text };
  },
};
