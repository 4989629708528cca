// `cutover import cognito --user-pool-id ID [--region R] [--tenant T] [--dry-run] [--json]`: import a live pool.
import type { Command } from '../command.ts';
import { requireString, UsageError } from '../command.ts';
import { importUsers } from '../../core/import/import-users.ts';
import { createCognitoCaller } from '../../cognito/client.ts';
import { describePool, poolSource } from '../../cognito/pool-source.ts';
import { regionOf } from '../../cognito/jit-import.ts';
import { importOptions, progressReporter, reportText, tenantOf } from '../import-progress.ts';

export const importCognito: Command = {
  name: 'import cognito',
  summary: 'import every user of a Cognito user pool (no passwords), with groups as roles',
  usage: 'cutover import cognito --user-pool-id ID [--region R] [--tenant T] [--dry-run] [--json]\n\n'
    + 'Reads ListUsers (pages of 60), ListGroups and ListUsersInGroup at CUTOVER_COGNITO_RPS requests per second,\n'
    + 'retrying throttling. Re-running is safe; an interrupted import converges when re-run (a live pool has no\n'
    + 'stable order to skip by, so there is no --resume here: already imported users come out unchanged).',
  options: { 'user-pool-id': { type: 'string' }, region: { type: 'string' }, tenant: importOptions.tenant, 'dry-run': importOptions['dry-run'] },
  async run(ctx) {
    const userPoolId = requireString(ctx.values, 'user-pool-id');
    if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) throw new UsageError('--user-pool-id: must look like us-east-1_AbCdEf123');
    const tenant = tenantOf(ctx.values);
    const dryRun = ctx.values['dry-run'] === true;
    const deps = await ctx.deps();
    const region = (ctx.values.region as string | undefined) ?? regionOf(userPoolId) ?? deps.config.aws.region;
    const caller = createCognitoCaller(deps.config, { region });
    try {
      const info = await describePool(caller, userPoolId);
      ctx.progress(`import: pool ${userPoolId}: about ${info.estimatedUsers ?? '?'} users; custom attributes: ${info.customAttributes.join(', ') || 'none'}`);
      const progress = progressReporter();
      const report = await importUsers(deps, poolSource(caller, userPoolId, info), {
        tenant, dryRun, onProgress: progress.update,
      }).finally(progress.done);
      return { result: report, text: reportText(report, tenant, dryRun) };
    } finally {
      caller.client.destroy();
    }
  },
};
