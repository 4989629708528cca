// `cutover import file PATH... [--user-pool-id ID] [--tenant T] [--dry-run] [--resume] [--json]`: import list-users exports.
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { importUsers } from '../../core/import/import-users.ts';
import { defaultFilePoolId, fileSource } from '../../cognito/file-source.ts';
import { importOptions, progressReporter, reportText, tenantOf } from '../import-progress.ts';

const GROUPS_NOT_IN_FILES = 'note: groups were not carried: list-users files hold no group memberships, so nobody got roles (cognito:groups); `cutover import cognito --user-pool-id ID` reads them from the pool';

export const importFile: Command = {
  name: 'import file',
  summary: 'import `aws cognito-idp list-users` output files or JSON Lines (streamed, any size)',
  usage: 'cutover import file PATH... [--user-pool-id ID] [--tenant T] [--dry-run] [--resume] [--json]\n\n'
    + 'Files hold {"Users":[...]} (one page or many files, NextToken ignored), a bare array, or one user per line.\n'
    + 'Without --user-pool-id the legacy links use "file:<first file name without extension>"; pass the real\n'
    + 'pool id when the pool may also be imported live or just in time, so the links match.',
  options: { 'user-pool-id': { type: 'string' }, ...importOptions },
  allowPositionals: true,
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('PATH: at least one file is required');
    const given = ctx.values['user-pool-id'];
    if (given !== undefined && (typeof given !== 'string' || given.trim() === '' || given.length > 128)) throw new UsageError('--user-pool-id: must be a pool id');
    const userPoolId = (given as string | undefined) ?? defaultFilePoolId(ctx.positionals);
    const tenant = tenantOf(ctx.values);
    const dryRun = ctx.values['dry-run'] === true;
    const source = fileSource(ctx.positionals, userPoolId);
    const deps = await ctx.deps();
    const progress = progressReporter();
    const report = await importUsers(deps, source, {
      tenant, dryRun, resume: ctx.values.resume === true, onProgress: progress.update,
    }).finally(progress.done);
    // `aws cognito-idp list-users` output has no group memberships: say so, rather than let roles look empty by accident.
    const text = reportText(report, tenant, dryRun);
    if (report.groups > 0) return { result: report, text };
    ctx.progress(GROUPS_NOT_IN_FILES);
    return { result: report, text: `${text}\n  ${GROUPS_NOT_IN_FILES}` };
  },
};
