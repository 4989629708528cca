// `cutover import providers --user-pool-id ID [--region R] [--tenant T] [--dry-run] [--json]`: a pool's identity providers.
import type { Command } from '../command.ts';
import { importProviders, providerImportText } from '../../core/federation/import-providers.ts';
import { readPoolProviders } from '../../cognito/identity-provider-source.ts';
import { poolOptions, withPoolCaller } from '../pool-caller.ts';
import { importOptions, tenantOf } from '../import-progress.ts';

export const importProvidersCommand: Command = {
  name: 'import providers',
  summary: 'register every identity provider of a Cognito user pool (Google, Apple, OIDC, SAML) under the same names',
  usage: 'cutover import providers --user-pool-id ID [--region R] [--tenant T] [--dry-run] [--json]\n\n'
    + 'Reads ListIdentityProviders and DescribeIdentityProvider: client ids and secrets, scopes, issuers, SAML metadata\n'
    + 'and attribute mappings. Prints the callback URL each upstream must add. Re-running updates, never duplicates.',
  options: { ...poolOptions, tenant: importOptions.tenant, 'dry-run': importOptions['dry-run'] },
  async run(ctx) {
    const tenant = tenantOf(ctx.values);
    return withPoolCaller(ctx, async ({ userPoolId, deps, caller }) => {
      const providers = await readPoolProviders(caller, userPoolId);
      ctx.progress(`import: pool ${userPoolId}: ${providers.length} identity providers`);
      const report = await importProviders(deps, providers, { tenant, dryRun: ctx.values['dry-run'] === true });
      return { result: report, text: providerImportText(report) };
    });
  },
};
