// `cutover hybrid link --user-pool-id ID --provider-name NAME [--rps N] [--dry-run] [--json]` (SPEC §8, hybrid mode).
import type { Command } from '../command.ts';
import { requireString, UsageError } from '../command.ts';
import { hybridLinkText, linkPeople } from '../../core/hybrid/link-people.ts';
import { cognitoIdentityLinker, requireOidcProvider } from '../../cognito/hybrid-linker.ts';
import { poolOptions, withPoolCaller } from '../pool-caller.ts';

export const hybridLink: Command = {
  name: 'hybrid link',
  summary: 'link every imported person to their Cognito user, so signing in through cutover keeps their Cognito sub',
  usage: 'cutover hybrid link --user-pool-id ID --provider-name NAME [--region R] [--rps N] [--dry-run] [--json]\n\n'
    + 'For each person imported from the pool, AdminLinkProviderForUser with DestinationUser = their Cognito user and\n'
    + 'SourceUser = (NAME, Cognito_Subject, their cutover sub). Paced at --rps (default CUTOVER_COGNITO_RPS) requests per\n'
    + 'second, retrying TooManyRequestsException and LimitExceededException with backoff. Re-running retries only who\n'
    + 'is not linked yet; the report names everyone who could not be linked and why.',
  options: {
    ...poolOptions, 'provider-name': { type: 'string' }, rps: { type: 'string' }, 'dry-run': { type: 'boolean' },
  },
  async run(ctx) {
    const providerName = requireString(ctx.values, 'provider-name');
    // Cognito provider names: 1-32 characters, no leading/trailing space.
    if (!/^[^\s](.{0,30}[^\s])?$/.test(providerName)) throw new UsageError('--provider-name: 1-32 characters, as registered with CreateIdentityProvider');
    const rps = ctx.values.rps === undefined ? undefined : Number(ctx.values.rps);
    if (rps !== undefined && !(rps > 0 && rps <= 1000)) throw new UsageError('--rps: a number of requests per second above 0');
    const dryRun = ctx.values['dry-run'] === true;
    return withPoolCaller(ctx, async ({ userPoolId, deps, caller }) => {
      await requireOidcProvider(caller, userPoolId, providerName);
      const report = await linkPeople(deps, cognitoIdentityLinker(caller, userPoolId, providerName), {
        userPoolId, providerName, dryRun, onProgress: (n) => ctx.progress(`hybrid link: ${n} people processed`),
      });
      return { result: report, text: hybridLinkText(report) };
    }, rps);
  },
};
