// `cutover import clients --user-pool-id ID [--region R] [--tenant T] [--dry-run] [--json]`: a pool's app clients.
import type { Command } from '../command.ts';
import { clientImportText, importClients } from '../../core/clients/import-clients.ts';
import { readPoolClients } from '../../cognito/app-client-source.ts';
import { poolOptions, withPoolCaller } from '../pool-caller.ts';
import { importOptions, tenantOf } from '../import-progress.ts';

export const importClientsCommand: Command = {
  name: 'import clients',
  summary: 'register every app client of a Cognito user pool (same id and secret) and its resource servers',
  usage: 'cutover import clients --user-pool-id ID [--region R] [--tenant T] [--dry-run] [--json]\n\n'
    + 'Reads ListUserPoolClients, DescribeUserPoolClient and ListResourceServers at CUTOVER_COGNITO_RPS requests per\n'
    + 'second, retrying throttling. Carries client ids and secrets, callback and sign-out URLs, OAuth flows and scopes,\n'
    + 'token lifetimes and read attributes; lists whatever cannot be carried. Re-running updates, never duplicates.',
  options: { ...poolOptions, tenant: importOptions.tenant, 'dry-run': importOptions['dry-run'] },
  async run(ctx) {
    const tenant = tenantOf(ctx.values);
    return withPoolCaller(ctx, async ({ userPoolId, deps, caller }) => {
      const source = await readPoolClients(caller, userPoolId);
      ctx.progress(`import: pool ${userPoolId}: ${source.clients.length} app clients, ${source.resourceServers.length} resource servers`);
      const report = await importClients(deps, source, { tenant, dryRun: ctx.values['dry-run'] === true });
      return { result: report, text: clientImportText(report) };
    });
  },
};
