// The CLI's way to a live Cognito pool: the --user-pool-id and --region options, checked, and a caller closed after use.
import type { Deps } from '../core/shared/deps.ts';
import { createCognitoCaller, type CognitoCaller } from '../cognito/client.ts';
import { regionOf } from '../cognito/jit-import.ts';
import { requireString, UsageError, type CommandContext } from './command.ts';

export const poolOptions = { 'user-pool-id': { type: 'string' }, region: { type: 'string' } } as const;

export interface PoolCall {
  userPoolId: string;
  deps: Deps;
  caller: CognitoCaller;
}

/**
 * Runs `work` with a Cognito caller for the pool named by --user-pool-id, in its region (--region, else the one in the
 * pool id, else AWS_REGION); `requestsPerSecond` overrides CUTOVER_COGNITO_RPS. The SDK client is destroyed after.
 */
export async function withPoolCaller<T>(ctx: CommandContext, work: (call: PoolCall) => Promise<T>, requestsPerSecond?: number): Promise<T> {
  const userPoolId = requireString(ctx.values, 'user-pool-id');
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) throw new UsageError('--user-pool-id: must look like us-east-1_AbCdEf123');
  const deps = await ctx.deps();
  const region = (ctx.values.region as string | undefined) ?? regionOf(userPoolId) ?? deps.config.aws.region;
  const caller = createCognitoCaller(deps.config, { region, ...(requestsPerSecond ? { requestsPerSecond } : {}) });
  try {
    return await work({ userPoolId, deps, caller });
  } finally {
    caller.client.destroy();
  }
}
