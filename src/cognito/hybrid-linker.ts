// The IdentityLinker on the Cognito API: AdminLinkProviderForUser through the paced, throttle-retrying caller, with
// Cognito's documented refusals turned into reasons (and "already linked" confirmed from the user's `identities`).
import {
  AdminGetUserCommand, AdminLinkProviderForUserCommand, DescribeIdentityProviderCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityLinker, LinkOutcome } from '../core/hybrid/link-people.ts';
import { isRetryable, type CognitoCaller } from './client.ts';

const errorOf = (e: unknown) => e as { name?: string; message?: string };

/** The provider must exist in the pool and be an OIDC one: otherwise every link would fail the same way. */
export async function requireOidcProvider(caller: CognitoCaller, userPoolId: string, providerName: string): Promise<void> {
  let type: string | undefined;
  try {
    const { IdentityProvider } = await caller.call((c) => c.send(new DescribeIdentityProviderCommand({ UserPoolId: userPoolId, ProviderName: providerName })));
    type = IdentityProvider?.ProviderType;
  } catch (e) {
    if (errorOf(e).name === 'ResourceNotFoundException') {
      throw new Error(`--provider-name: no identity provider "${providerName}" in ${userPoolId}: create it first (README, "Hybrid mode")`);
    }
    throw e;
  }
  if (type !== 'OIDC') throw new Error(`--provider-name: "${providerName}" is a ${type ?? 'unknown'} provider; cutover is registered as ProviderType OIDC`);
}

/** Whether Cognito user `username` already carries identity `subject` of the provider (its `identities` attribute). */
async function hasLink(caller: CognitoCaller, userPoolId: string, providerName: string, username: string, subject: string): Promise<boolean> {
  const res = await caller.call((c) => c.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })));
  const raw = res.UserAttributes?.find((a) => a.Name === 'identities')?.Value;
  if (!raw) return false;
  try {
    const ids = JSON.parse(raw) as { userId?: string; providerName?: string }[];
    return ids.some((i) => i.providerName === providerName && i.userId === subject);
  } catch {
    return false;
  }
}

export function cognitoIdentityLinker(caller: CognitoCaller, userPoolId: string, providerName: string): IdentityLinker {
  return {
    async link(username, subject): Promise<LinkOutcome> {
      try {
        await caller.call((c) => c.send(new AdminLinkProviderForUserCommand({
          UserPoolId: userPoolId,
          DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: username },
          SourceUser: { ProviderName: providerName, ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: subject },
        })));
        return { status: 'linked' };
      } catch (e) {
        const { name = 'Error', message = '' } = errorOf(e);
        if (isRetryable(e)) return { status: 'failed', reason: `${name} after every retry (Cognito kept throttling): run again later` };
        if (name === 'UserNotFoundException') return { status: 'failed', reason: `UserNotFoundException: no Cognito user "${username}" in the pool (deleted there since the import?)` };
        if (name === 'InvalidParameterException' || name === 'AliasExistsException') {
          // Documented for a source identity that is already linked: fine when it is linked to this very user.
          try {
            if (await hasLink(caller, userPoolId, providerName, username, subject)) return { status: 'already_linked' };
          } catch (check) {
            return { status: 'failed', reason: `${name}: ${message}; and AdminGetUser failed: ${errorOf(check).name}` };
          }
          return { status: 'failed', reason: `${name}: ${message}` };
        }
        throw e;
      }
    },
  };
}
