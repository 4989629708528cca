// `cutover import cognito --user-pool-id ID [--region R] [--tenant T] [--dry-run] [--json]`: import a live pool.
import type { Command } from '../command.ts';
import { importUsers } from '../../core/import/import-users.ts';
import { describePool, poolSource } from '../../cognito/pool-source.ts';
import { poolOptions, withPoolCaller } from '../pool-caller.ts';
import { importOptions, progressReporter, reportText, tenantOf } from '../import-progress.ts';

export const importCognito: Command = {
  name: 'import cognito',
  summary: 'import every user of a Cognito user pool (no passwords), with groups as roles',
  usage: 'cutover import cognito --user-pool-id ID [--region R] [--tenant T] [--dry-run] [--json]\n\n'
    + 'Reads ListUsers (pages of 60), ListGroups and ListUsersInGroup at CUTOVER_COGNITO_RPS requests per second,\n'
    + 'retrying throttling. Re-running is safe; an interrupted import converges when re-run (a live pool has no\n'
    + 'stable order to skip by, so there is no --resume here: already imported users come out unchanged).',
  options: { ...poolOptions, tenant: importOptions.tenant, 'dry-run': importOptions['dry-run'] },
  async run(ctx) {
    const tenant = tenantOf(ctx.values);
    const dryRun = ctx.values['dry-run'] === true;
    return withPoolCaller(ctx, async ({ userPoolId, deps, caller }) => {
      const info = await describePool(caller, userPoolId);
      ctx.progress(`import: pool ${userPoolId}: about ${info.estimatedUsers ?? '?'} users; custom attributes: ${info.customAttributes.join(', ') || 'none'}`);
      const progress = progressReporter();
      const report = await importUsers(deps, poolSource(caller, userPoolId, info), {
        tenant, dryRun, onProgress: progress.update,
      }).finally(progress.done);
      return { result: report, text: reportText(report, tenant, dryRun) };
    });
  },
};
